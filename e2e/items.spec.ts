import { expect, test } from "./fixtures";
import { ItemPage } from "./pages/item-page";

const WORKFLOW = "Alice's on-call notes";
const ITEM_URL = /\/items\/[0-9a-f-]{36}$/;

// The first two tests share the "Doing" column (WIP limit 2) of one workflow: run them in order.
test.describe.configure({ mode: "serial" });

test("create an item with data, edit it, comment, and move it from its page", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const { item, page } = alice;
  await alice.workflows.openByName(WORKFLOW);
  await page.getByTestId("new-item-link").click();
  await expect(page).toHaveURL(/\/items\/new$/);
  await expect.poll(() => item.selected(item.field("Stage"))).toBe("To do");

  await item.fill({ title: "Rotate pager keys", description: "Old keys expire Friday.\nAsk security first.", data: '{"ref": "OPS-7",', priority: "High", assignee: "Alice Park" });
  await item.submit("Create item");
  // The error sits beside the field and is its accessible description.
  await expect(item.field("Data")).toHaveAccessibleDescription(/Data is not valid JSON/);
  await expect(item.field("Data")).toHaveAttribute("aria-invalid", "true");
  await expect(item.newItemForm.getByTestId("field-error")).toHaveCount(1);
  await expect(item.newItemForm.getByRole("alert")).toHaveText("Fix the marked field and try again.");
  await expect(page).toHaveURL(/\/items\/new$/);
  await expect(item.field("Title")).toHaveValue("Rotate pager keys");
  await expect(item.field("Description")).toHaveValue("Old keys expire Friday.\nAsk security first.");
  await expect(item.field("Priority")).toHaveValue("high");
  expect(await item.selected(item.field("Assignee"))).toBe("Alice Park");
  await expect(item.field("Data")).toHaveValue('{"ref": "OPS-7",');

  await item.fill({ data: '{"ref": "OPS-7", "pager": {"rotation": "weekly"}}' });
  await item.submit("Create item");
  await expect(page).toHaveURL(ITEM_URL);
  await expect(item.title).toHaveText("Rotate pager keys");
  await expect(page).toHaveTitle(/^Rotate pager keys/);
  await expect(item.description).toHaveText("Old keys expire Friday.\nAsk security first.");
  expect(JSON.parse(await item.data.innerText())).toEqual({ ref: "OPS-7", pager: { rotation: "weekly" } });
  await expect(item.property("Priority")).toContainText("High");
  await expect(item.property("Assignee")).toContainText("Alice Park");
  await expect(item.historyEntries).toHaveCount(1);
  await expect(item.historyEntries.first()).toContainText("Created in To do by Alice Park");
  await expect(item.historyEntries.first()).toContainText("in stage for");
  await expect(item.runs).toContainText("No runs");
  await expect(item.recommendations).toContainText("No agent recommendations");

  await item.editButton.click();
  await item.fill({ priority: "Urgent" });
  await item.submit("Save changes");
  await expect(item.editForm).toHaveCount(0);
  await expect(item.property("Priority")).toContainText("Urgent");
  await expect(item.title).toHaveText("Rotate pager keys");

  await item.addComment("Keys are in the vault under pager/.");
  await expect(item.comments).toHaveCount(1);
  await expect(item.comments.first()).toContainText("Alice Park");
  await expect(item.commentBox).toHaveValue("");

  await item.moveTo("Doing");
  await expect(item.historyEntries).toHaveCount(2);
  await expect(item.historyEntries.last()).toContainText("Moved from To do to Doing by Alice Park");
  await expect(item.historyEntries.last()).toContainText("in stage for");
  await expect(item.historyEntries.first()).toContainText("stayed");
  await expect(item.historyEntries.last()).toHaveAttribute("data-current", "true");
  await page.reload();
  await expect(item.historyEntries).toHaveCount(2);
  await expect.poll(() => item.selected(item.stageSelect)).toMatch(/^Doing/);
  await expect(item.comments).toHaveCount(1);
  await expect(item.property("Priority")).toContainText("Urgent");
});

test("the stage picker shows the WIP refusal; archive and restore", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const { item, page } = alice;
  await alice.workflows.openByName(WORKFLOW);
  const boardUrl = page.url();

  // Moves our own new items into Doing until its WIP limit refuses one (the seed leaves room for at most 2).
  let refused = false;
  for (let n = 1; n <= 3 && !refused; n++) {
    await page.goto(`${boardUrl}/items/new`);
    await item.fill({ title: `Doing filler ${n}` });
    await item.submit("Create item");
    await expect(page).toHaveURL(ITEM_URL);
    await item.moveTo("Doing");
    // Either outcome makes two: a second history entry, or the one entry plus the refusal.
    await expect(item.historyEntries.or(item.moveError)).not.toHaveCount(1);
    refused = await item.moveError.isVisible();
  }
  expect(refused).toBe(true);
  await expect(item.moveError).toContainText("“Doing” is at its WIP limit of 2");
  await expect.poll(() => item.selected(item.stageSelect)).toBe("To do");
  await expect(item.historyEntries).toHaveCount(1);

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(item.archivedBanner).toBeVisible();
  await expect(item.stageSelect).toHaveCount(0);
  await expect(item.historyEntries.first()).toContainText("until archived");
  const [itemUrl, title] = [page.url(), await item.title.innerText()];
  await page.goto(boardUrl);
  await expect(alice.board.card(title)).toHaveCount(0);
  await page.getByRole("link", { name: "Archived", exact: true }).click();
  await page.getByTestId("archived-items").getByRole("link", { name: title, exact: true }).click();
  await expect(page).toHaveURL(itemUrl);
  await item.archivedBanner.getByRole("button", { name: "Restore" }).click();
  await expect(item.archivedBanner).toHaveCount(0);
  await expect(item.stageSelect).toBeVisible();
});

test("an edit based on a replaced version is refused and offers the latest", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const { item, page } = alice;
  await alice.workflows.openByName(WORKFLOW);
  await page.getByTestId("new-item-link").click();
  await item.fill({ title: "Check alert routing" });
  await item.submit("Create item");
  await expect(page).toHaveURL(ITEM_URL);
  await item.editButton.click();
  await item.fill({ title: "Check alert routing for EU" });

  // Meanwhile, in another tab, the item moves on.
  const other = new ItemPage(await alice.context.newPage());
  await other.goto(page.url());
  await other.moveTo("Done");
  await expect(other.historyEntries).toHaveCount(2);

  await item.submit("Save changes");
  await expect(item.editForm.getByRole("alert")).toContainText("Alice Park moved this item a moment ago");
  await expect(item.field("Title")).toHaveValue("Check alert routing for EU");
  await item.editForm.getByRole("button", { name: "Reload the latest" }).click();
  await expect(item.editForm).toHaveCount(0);
  await expect.poll(() => item.selected(item.stageSelect)).toBe("Done");
  await expect(item.title).toHaveText("Check alert routing");
  await expect(item.property("Completed")).not.toContainText("—");
});

test("another team's member opening an item's URL gets the 404 page", async ({ signInAs }) => {
  const [alice, carol, bob] = await Promise.all([signInAs("alice"), signInAs("carol"), signInAs("bob")]);
  await alice.workflows.openByName(WORKFLOW);
  await alice.page.getByTestId("new-item-link").click();
  await alice.item.fill({ title: "Private follow-up for alice" });
  await alice.item.submit("Create item");
  await expect(alice.page).toHaveURL(ITEM_URL);
  const url = new URL(alice.page.url()).pathname;

  for (const other of [carol, bob]) {
    const response = await other.item.goto(url);
    expect(response?.status()).toBe(404);
    await expect(other.item.notFound).toBeVisible();
    await expect(other.page.getByText("Private follow-up for alice")).toHaveCount(0);
    expect(await other.page.title()).not.toContain("Private follow-up");
  }
});
