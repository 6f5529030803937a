import { expect, test } from "./fixtures";

test("a token created in Settings calls the API without cookies, and stops working once revoked", async ({ signInAs, request }) => {
  const alice = await signInAs("alice");
  await alice.workflows.goto();
  await alice.workflows.openByName("Platform code review");
  const workflowId = new URL(alice.page.url()).pathname.split("/").at(-1)!;
  const itemsUrl = `/api/v1/workflows/${workflowId}/items`;

  await alice.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(alice.settings.heading).toBeVisible();
  const token = await alice.settings.createToken("E2E script", "7");
  expect(token).toMatch(/^tdm_[A-Za-z0-9_-]{43}$/);
  await expect(alice.settings.row("E2E script")).toContainText(token.slice(0, 12));

  const anonymous = await request.get(itemsUrl);
  expect(anonymous.status()).toBe(401);

  const auth = { Authorization: `Bearer ${token}` };
  const listed = await request.get(itemsUrl, { headers: auth });
  expect(listed.status()).toBe(200);
  const { items } = (await listed.json()) as { items: { title: string }[] };
  expect(items.length).toBeGreaterThan(0);
  expect(items.map((i) => i.title)).toContain("Add retry budget to payment client");
  const me = await request.get("/api/v1/me", { headers: auth });
  expect(await me.json()).toMatchObject({ email: "alice@tandem.local" });

  // Shown once: after a reload the page has the prefix and the last use, never the token itself.
  await alice.settings.goto();
  await expect(alice.settings.newToken).toHaveCount(0);
  await expect(alice.settings.row("E2E script").getByTestId("token-last-used")).not.toHaveText("Never used");
  expect(await alice.page.content()).not.toContain(token);

  await alice.settings.revoke("E2E script");
  const revoked = await request.get(itemsUrl, { headers: auth });
  expect(revoked.status()).toBe(401);
  expect((await revoked.json()).error.code).toBe("unauthorized");
});

test("another user's token sees only what that user sees", async ({ signInAs, request }) => {
  const alice = await signInAs("alice");
  await alice.workflows.goto();
  await alice.workflows.openByName("Platform code review");
  const workflowId = new URL(alice.page.url()).pathname.split("/").at(-1)!;

  const carol = await signInAs("carol");
  await carol.settings.goto();
  const token = await carol.settings.createToken("Carol's script");
  const res = await request.get(`/api/v1/workflows/${workflowId}/items`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(404);
});
