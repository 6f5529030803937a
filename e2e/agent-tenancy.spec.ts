import { randomUUID } from "node:crypto";
import { e2eName } from "./agent-workflow";
import { expect, test } from "./fixtures";
import { createShopRepo } from "./git-repo";

test("a teammate cannot open, read or listen to someone's personal workflow: it is a 404 like a missing one", async ({ signInAs }) => {
  // Alice and Bob are both on Platform Engineering; a personal workflow is Alice's alone all the same.
  const [alice, bob] = await Promise.all([signInAs("alice"), signInAs("bob")]);
  const name = e2eName("Alice's agent sandbox");
  const privateId = await alice.api.createWorkflow(name, ["Ideas", "Agent", "Done"]);
  await alice.board.goto(`/workflows/${privateId}`);
  await expect(alice.board.name).toHaveText(name);

  const missing = await bob.board.goto(`/workflows/${randomUUID()}`);
  expect(missing?.status()).toBe(404);
  const missingText = await bob.board.notFound.innerText();
  const response = await bob.board.goto(`/workflows/${privateId}`);
  expect(response?.status()).toBe(404);
  await expect(bob.board.notFound).toBeVisible();
  await expect(bob.board.board).toHaveCount(0);
  expect(await bob.board.notFound.innerText()).toBe(missingText);
  await expect(bob.page.getByText(name)).toHaveCount(0);
  expect(await bob.page.title()).not.toContain(name);

  const definition = await bob.api.get(`/api/v1/workflows/${privateId}/definition`);
  const nothing = await bob.api.get(`/api/v1/workflows/${randomUUID()}/definition`);
  expect(definition.status()).toBe(404);
  expect(await definition.json()).toEqual(await nothing.json());

  // Nor can a trigger of Bob's listen to its agent's changes.
  const bobsName = e2eName("Bob's inbox");
  const bobsId = await bob.api.createWorkflow(bobsName, ["Inbox"]);
  const trigger = { kind: "event", name: "Spy on Alice", config: { event: "agent.apply.success", sourceWorkflowId: privateId } };
  const refused = await bob.api.post(`/api/v1/workflows/${bobsId}/triggers`, trigger);
  expect(refused.status(), await refused.text()).toBe(404);
  expect(JSON.stringify(await refused.json())).not.toContain(name);
  await bob.triggers.goto(bobsId);
  const sources = bob.triggers.form.getByLabel("In workflow");
  await expect(sources).toContainText(bobsName);
  await expect(sources.locator("option", { hasText: name })).toHaveCount(0);
});

test("another user's agent session is a 404 like a missing one, and the agent page does not show it", async ({ signInAs }) => {
  const [alice, bob] = await Promise.all([signInAs("alice"), signInAs("bob")]);
  const repo = createShopRepo();
  const title = e2eName("Alice's pricing session");

  await alice.agent.goto();
  const sessionId = await alice.agent.openSession({ repo: repo.name, title });
  expect(await alice.agent.sessionTitles()).toContain(title);
  const own = await alice.api.json<{ session: { id: string; title: string } }>(alice.api.get(`/api/v1/agent/sessions/${sessionId}`), 200);
  expect(own.session).toMatchObject({ id: sessionId, title });

  // The API: Bob gets exactly what an id that never existed gets, for reading and for deleting.
  const foreign = await bob.api.get(`/api/v1/agent/sessions/${sessionId}`);
  const missing = await bob.api.get(`/api/v1/agent/sessions/${randomUUID()}`);
  expect(foreign.status()).toBe(404);
  expect(missing.status()).toBe(404);
  expect(await foreign.text()).toBe(await missing.text());
  const deleted = await bob.api.delete(`/api/v1/agent/sessions/${sessionId}`);
  expect(deleted.status()).toBe(404);
  const listed = await bob.api.json<{ sessions: { id: string }[] }>(bob.api.get("/api/v1/agent/sessions"), 200);
  expect(listed.sessions.map((s) => s.id)).not.toContain(sessionId);
  await alice.api.json(alice.api.get(`/api/v1/agent/sessions/${sessionId}`), 200);

  // The page: the link shows "not found", as for a made-up id, and nothing of the session.
  await bob.agent.goto(randomUUID());
  await expect(bob.agent.empty).toContainText("That session was not found.");
  const notFoundText = await bob.agent.empty.innerText();
  await bob.agent.goto(sessionId);
  await expect(bob.agent.empty).toBeVisible();
  expect(await bob.agent.empty.innerText()).toBe(notFoundText);
  await expect(bob.agent.activeTitle).toHaveCount(0);
  await expect(bob.agent.console).toHaveCount(0);
  await expect(bob.page.getByText(title)).toHaveCount(0);
  expect(await bob.agent.sessionTitles()).not.toContain(title);

  await alice.agent.goto(sessionId);
  await expect(alice.agent.activeTitle).toHaveText(title);
});
