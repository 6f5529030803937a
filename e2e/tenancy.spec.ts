import { randomUUID } from "node:crypto";
import { expect, test, type UserSession } from "./fixtures";

const TEMPLATES = ["Code review with agent pre-review", "Content pipeline", "Incident response"];

/** Other specs create workflows named "E2E …" in the same data folder; this spec checks the seeded ones. */
const seeded = (names: string[]) => names.filter((n) => !n.startsWith("E2E "));

/** Opens `path` in the session and checks it is the 404 page, with a 404 status; returns its text. */
async function expectNotFound({ board }: UserSession, path: string): Promise<string> {
  const response = await board.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(board.notFound).toBeVisible();
  await expect(board.notFound.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(board.board).toHaveCount(0);
  return board.notFound.innerText();
}

test("each user sees exactly their own and their team's workflows", async ({ signInAs }) => {
  const [alice, carol] = await Promise.all([signInAs("alice"), signInAs("carol")]);
  await alice.workflows.goto();
  await carol.workflows.goto();
  expect(seeded(await alice.workflows.names())).toEqual(["Alice's on-call notes", "Platform code review"]);
  expect(seeded(await carol.workflows.names())).toEqual(["Carol's drafts", "Growth content calendar"]);
  await expect(alice.workflows.card("Alice's on-call notes").getByTestId("visibility-badge")).toHaveAttribute("data-visibility", "personal");
  await expect(alice.workflows.card("Platform code review").getByTestId("visibility-badge")).toHaveAttribute("data-visibility", "team");
});

test("each user can open their own board", async ({ signInAs }) => {
  const [alice, carol] = await Promise.all([signInAs("alice"), signInAs("carol")]);
  await alice.workflows.openByName("Platform code review");
  await expect(alice.board.name).toHaveText("Platform code review");
  await expect(alice.board.columns).toHaveCount(5);
  await expect(alice.board.column("Human review")).toBeVisible();
  // Other specs add and move items here, so check a seeded card rather than the count.
  await expect(alice.board.card("Encrypt API secrets at rest")).toBeVisible();

  await carol.workflows.openByName("Carol's drafts");
  await expect(carol.board.name).toHaveText("Carol's drafts");
  await expect(carol.board.columns).toHaveCount(3);
  await expect(carol.board.cards).toHaveCount(3);
});

test("another team's and another user's workflows are a 404 like a missing one", async ({ signInAs }) => {
  const [alice, carol] = await Promise.all([signInAs("alice"), signInAs("carol")]);
  await carol.workflows.goto();
  const carols = {
    "Carol's drafts": await carol.workflows.hrefOf("Carol's drafts"),
    "Growth content calendar": await carol.workflows.hrefOf("Growth content calendar"),
  };

  const missing = await expectNotFound(alice, `/workflows/${randomUUID()}`);
  expect(await expectNotFound(alice, "/workflows/not-a-uuid")).toBe(missing);
  for (const [name, href] of Object.entries(carols)) {
    expect(await expectNotFound(alice, href), name).toBe(missing);
    expect(await alice.page.title()).not.toContain(name);
    await expect(alice.page.getByText(name)).toHaveCount(0);
  }
});

test("templates are listed for everyone, only under the Templates filter", async ({ signInAs }) => {
  for (const session of await Promise.all([signInAs("alice"), signInAs("carol")])) {
    await session.workflows.goto();
    expect((await session.workflows.names()).filter((n) => TEMPLATES.includes(n))).toEqual([]);
    await session.workflows.filterTabs.getByRole("link", { name: "Templates" }).click();
    await expect(session.page).toHaveURL(/\/workflows\?filter=templates$/);
    await expect(session.workflows.cards).toHaveCount(TEMPLATES.length);
    expect(await session.workflows.names()).toEqual(TEMPLATES);
    for (const badge of await session.workflows.cards.getByTestId("visibility-badge").all()) {
      await expect(badge).toHaveAttribute("data-visibility", "global");
    }
  }
});

test("a teammate sees the team's workflow but not a colleague's personal one", async ({ signInAs }) => {
  const [alice, bob] = await Promise.all([signInAs("alice"), signInAs("bob")]);
  await alice.workflows.goto();
  const onCallNotes = await alice.workflows.hrefOf("Alice's on-call notes");

  await bob.workflows.goto();
  const names = await bob.workflows.names();
  expect(names).toContain("Platform code review");
  expect(names).not.toContain("Alice's on-call notes");
  await expectNotFound(bob, onCallNotes);
});
