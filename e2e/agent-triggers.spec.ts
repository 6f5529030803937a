import { PLATFORM, RENAME, STAGE, agentReviewWorkflow, e2eName } from "./agent-workflow";
import { expect, test } from "./fixtures";
import { createShopRepo } from "./git-repo";

// The agent works in a background job, a second or two on an idle machine, longer beside other tests.
test.describe.configure({ timeout: 60_000 });

const SUCCESS = "agent.apply.success";

test("an agent's applied change creates an item in a workflow whose trigger listens for it", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const { board, triggers } = alice;
  const repo = createShopRepo();
  const sourceName = e2eName("auto-apply source");
  const sourceId = await agentReviewWorkflow(alice, sourceName, { agentTargetPath: repo.name, agentAutoApply: true });
  const listenerName = e2eName("agent follow-ups");
  const listenerId = await alice.api.createWorkflow(listenerName, ["Inbox", "Done"], PLATFORM);

  await triggers.goto(listenerId);
  await triggers.addEventTrigger({ name: "Try agent branches", when: "An agent applies a change", source: sourceName, title: "Try {{event.branch}}: {{event.itemTitle}}" });
  const row = triggers.row("Try agent branches");
  await expect(row.getByTestId("trigger-summary")).toContainText(sourceName);
  await expect(row.getByTestId("trigger-last-fired")).toHaveText("Never fired");

  // The listening board is open (and live) while the item enters the agent stage elsewhere.
  await board.goto(`/workflows/${listenerId}`);
  await board.waitReady();
  await expect(board.cards).toHaveCount(0);
  const itemId = await alice.api.createItem(sourceId, RENAME);
  await alice.api.moveItem(itemId, sourceId, STAGE.agent);

  await expect.poll(() => repo.agentBranches(), { timeout: 30_000 }).toHaveLength(1);
  const branch = repo.agentBranches()[0]!;
  const title = `Try ${branch}: ${RENAME}`;
  await board.expectIn(title, "Inbox", 30_000);
  await expect(board.cards).toHaveCount(1);

  // The new item carries the event: which commit to try.
  await board.card(title).getByRole("link", { name: title, exact: true }).click();
  await expect(alice.item.title).toHaveText(title);
  const data = JSON.parse(await alice.item.data.innerText());
  expect(data.trigger).toMatchObject({ name: "Try agent branches", kind: "event", event: SUCCESS, depth: 1 });
  expect(data.event).toMatchObject({ type: SUCCESS, workflowId: sourceId, workItemId: itemId, branch, commit: repo.revParse(branch), itemTitle: RENAME });

  await triggers.goto(listenerId);
  await expect(triggers.row("Try agent branches").getByTestId("trigger-last-fired")).toContainText("Last fired");
});

test("one applied change feeds two listening workflows, an item each", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const { item, review } = alice;
  const repo = createShopRepo();
  const sourceId = await agentReviewWorkflow(alice, e2eName("reviewed source"), { agentTargetPath: repo.name });
  const [qaId, docsId] = await Promise.all([
    alice.api.createWorkflow(e2eName("QA queue"), ["To test", "Tested"], PLATFORM),
    alice.api.createWorkflow(e2eName("Docs queue"), ["To write", "Written"], PLATFORM),
  ]);
  await alice.api.createEventTrigger(qaId, { name: "Test agent changes", event: SUCCESS, sourceWorkflowId: sourceId, title: "Test {{event.itemTitle}}" });
  await alice.api.createEventTrigger(docsId, { name: "Document agent changes", event: SUCCESS, sourceWorkflowId: sourceId, title: "Document {{event.itemTitle}}" });

  // No auto-apply here: the event comes from a reviewer accepting and applying the patch.
  const itemId = await alice.api.createItem(sourceId, RENAME);
  await item.goto(`/items/${itemId}`);
  await item.moveTo(STAGE.agent);
  await review.waitFor("proposed");
  expect(await alice.api.itemTitles(qaId)).toEqual([]);
  expect(await alice.api.itemTitles(docsId)).toEqual([]);
  await review.acceptButton.click();
  await review.waitFor("accepted", 15_000);
  await expect(review.applyResult).toHaveAttribute("data-ok", "true");

  await expect.poll(() => alice.api.itemTitles(qaId), { timeout: 30_000 }).toEqual([`Test ${RENAME}`]);
  await expect.poll(() => alice.api.itemTitles(docsId), { timeout: 30_000 }).toEqual([`Document ${RENAME}`]);
  for (const [workflowId, stage, title] of [
    [qaId, "To test", `Test ${RENAME}`],
    [docsId, "To write", `Document ${RENAME}`],
  ]) {
    await alice.board.goto(`/workflows/${workflowId}`);
    await alice.board.expectIn(title!, stage!);
    await expect(alice.board.cards).toHaveCount(1);
  }
});
