import { demoUsers, expect, test } from "./fixtures";

test("the API knows the signed-in user from the same session, and refuses without one", async ({ signInAs, request }) => {
  const anonymous = await request.get("/api/v1/me");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });

  const carol = await signInAs("carol");
  const me = await carol.context.request.get("/api/v1/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({
    email: demoUsers.carol.email,
    name: demoUsers.carol.name,
    isAdmin: false,
    teams: [{ name: "Growth Marketing", role: "admin" }],
  });
});
