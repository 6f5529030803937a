import { expect, test } from "./fixtures";

const WORKFLOW = "Platform code review";

// These journeys move cards on one seeded board; run side by side, one's move shifts the column another is
// dragging from (seen as a missed drop in the full suite). One worker, in order, keeps each board as expected.
test.describe.configure({ mode: "default" });

test("drag a card to the next stage: it stays there after a reload and shows in the history", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  await alice.workflows.openByName(WORKFLOW);
  const title = (await alice.board.titles("Ready for review"))[0]!;

  const moved = alice.page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/workflows/"));
  await alice.board.dragTo(title, "Agent pre-review");
  await alice.board.expectIn(title, "Agent pre-review");
  expect((await moved).ok()).toBe(true);
  await expect(alice.board.toasts).toHaveCount(0);

  await alice.page.reload();
  await alice.board.expectIn(title, "Agent pre-review");
  await alice.board.card(title).getByRole("link").click();
  await expect(alice.page).toHaveURL(/\/items\//);
  await expect(alice.page.getByTestId("history-entry").last()).toContainText("Agent pre-review");
  await expect(alice.page.getByTestId("history-entry").last()).toContainText("Ready for review");
});

test("a teammate's open board shows the move within 2 seconds", async ({ signInAs }) => {
  const [alice, bob] = await Promise.all([signInAs("alice"), signInAs("bob")]);
  await Promise.all([alice.workflows.openByName(WORKFLOW), bob.workflows.openByName(WORKFLOW)]);
  const title = (await alice.board.titles("Ready for review")).at(-1)!;
  await bob.board.expectIn(title, "Ready for review");

  const moved = alice.page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/workflows/"));
  await alice.board.dragTo(title, "Agent pre-review");
  expect((await moved).ok()).toBe(true);
  await bob.board.expectIn(title, "Agent pre-review", 2_000);
});

test("a column at its WIP limit refuses the drop with a toast, and the card goes back", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  await alice.workflows.openByName(WORKFLOW);
  await expect(alice.board.column("Human review").getByTestId("column-count")).toHaveText("4 / 4");
  const title = (await alice.board.titles("CI & merge checks"))[0]!;

  await alice.board.dragTo(title, "Human review");
  await expect(alice.board.toasts).toContainText("“Human review” is at its WIP limit of 4");
  await alice.board.expectIn(title, "CI & merge checks");
  await alice.page.reload();
  await alice.board.expectIn(title, "CI & merge checks");
  await expect(alice.board.column("Human review").getByTestId("column-count")).toHaveText("4 / 4");
});

test("keyboard: Space picks a card up, arrows move it, Space drops it", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  await alice.workflows.openByName(WORKFLOW);
  const title = (await alice.board.titles("Agent pre-review"))[0]!;
  await alice.board.waitReady();
  await alice.board.card(title).focus();
  await alice.page.keyboard.press("Space");
  await expect(alice.board.card(title)).toHaveAttribute("aria-pressed", "true");
  await alice.page.keyboard.press("ArrowLeft");
  await expect(alice.board.announcement).toContainText(`${title} is over Ready for review`);
  await alice.page.keyboard.press("Space");
  await alice.board.expectIn(title, "Ready for review");
  await alice.page.reload();
  await alice.board.expectIn(title, "Ready for review");
});

test("filters live in the URL and survive a reload; quick-add puts a card in its column", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  await alice.workflows.openByName(WORKFLOW);
  const title = `Quick ${Date.now()}`;
  await alice.board.waitReady();
  await alice.board.column("Ready for review").getByTestId("quick-add").click();
  await alice.page.getByLabel("New item in Ready for review").fill(title);
  await alice.page.keyboard.press("Enter");
  await alice.board.expectIn(title, "Ready for review");

  await alice.board.filterText.fill(title);
  await expect(alice.page).toHaveURL(/q=Quick/);
  await expect(alice.board.cards).toHaveCount(1);
  await alice.page.reload();
  await expect(alice.board.filterText).toHaveValue(title);
  await expect(alice.board.cards).toHaveCount(1);
  await alice.board.expectIn(title, "Ready for review");
});

test("an open item page shows a teammate's comment without a reload", async ({ signInAs }) => {
  const [alice, bob] = await Promise.all([signInAs("alice"), signInAs("bob")]);
  await alice.workflows.openByName(WORKFLOW);
  const title = (await alice.board.titles("Merged"))[0]!;
  await alice.board.card(title).getByRole("link").click();
  await expect(alice.page).toHaveURL(/\/items\//);
  await bob.page.goto(alice.page.url());
  await expect(bob.item.title).toHaveText(title);

  const body = `Looks good from here ${Date.now()}`;
  await alice.item.addComment(body);
  await expect(bob.item.comments.filter({ hasText: body })).toHaveCount(1, { timeout: 2_000 });
});
