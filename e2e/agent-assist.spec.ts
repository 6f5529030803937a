import { RENAME, STAGE, agentReviewWorkflow, e2eName, useCodeReviewTemplate } from "./agent-workflow";
import { expect, test } from "./fixtures";
import { createPlainFolder, createShopRepo } from "./git-repo";

// The agent works in a background job, a second or two on an idle machine, longer beside other tests.
test.describe.configure({ timeout: 60_000 });

test("a reviewer rejects the agent's plan with a reason, asks again, and accepts and applies the next one on a branch", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const { board, item, review } = alice;
  const repo = createShopRepo();
  const name = e2eName("agent review");

  // The global template, instantiated through the gallery, keeps its agent stage.
  const workflowId = await useCodeReviewTemplate(alice, name);
  await expect(board.columns).toHaveCount(5);
  await expect(board.column(STAGE.agent)).toBeVisible();
  await alice.api.setAgentStage(workflowId, STAGE.agent, { agentTargetPath: repo.name });

  await alice.page.getByTestId("new-item-link").click();
  await item.fill({ title: RENAME });
  await item.submit("Create item");
  await expect(alice.page).toHaveURL(/\/items\/[0-9a-f-]{36}$/);
  const itemId = new URL(alice.page.url()).pathname.split("/").at(-1)!;
  await expect(review.panel).toHaveCount(0);

  await item.moveTo(STAGE.agent);
  await expect(review.panel).toBeVisible();
  await review.waitFor("proposed");
  await expect(review.status).toHaveAttribute("data-status", "proposed");
  await expect(review.summary).toContainText("Rename priceOf to formatPrice in 3 places across 2 files");
  await expect(review.steps).toHaveCount(2);
  expect(await review.stepRisks()).toEqual(["low", "low"]);
  await expect(review.steps.first()).toContainText("price.ts");
  await expect(review.steps.first()).toContainText("cart.ts");
  expect(await review.patchPaths()).toEqual(["src/cart.ts", "src/price.ts"]);
  await expect(review.beyondPlanFlags).toHaveCount(0);
  await expect(review.patch).toContainText("formatPrice");
  await expect(review.acceptButton).toHaveText("Accept and apply");

  // A rejection needs a reason; it is kept with the decision and nothing reaches the repository.
  await review.rejectButton.click();
  await review.confirmReject.click();
  await expect(review.rejectForm).toContainText("Say why you reject it.");
  await review.rejectReason.fill("Keep priceOf until the checkout team has migrated.");
  await review.confirmReject.click();
  await review.waitFor("rejected", 10_000);
  await expect(review.decision).toContainText("Rejected by Alice Park");
  await expect(review.decisionReason).toHaveText("Keep priceOf until the checkout team has migrated.");
  expect(repo.agentBranches()).toEqual([]);
  expect(repo.currentBranch()).toBe("main");

  // Asking again makes a fresh proposal; the rejected one folds away below it.
  await review.askAgain.click();
  await review.waitFor("proposed");
  await expect(review.earlier).toContainText("Earlier recommendations (1)");
  expect(await review.patchPaths()).toEqual(["src/cart.ts", "src/price.ts"]);

  // Alice is a Platform admin (code.edit): accepting applies the patch as one commit on a new branch.
  const main = repo.revParse("main");
  await review.acceptButton.click();
  await review.waitFor("accepted", 15_000);
  await expect(review.decision).toContainText("Accepted by Alice Park");
  await expect(review.applyResult).toHaveAttribute("data-ok", "true");
  const { branch, commit } = await review.appliedOn();
  expect(branch).toMatch(/^tandem\/agent-/);
  expect(await review.appliedFiles()).toEqual(["src/cart.ts", "src/price.ts"]);

  expect(repo.revParse(branch)).toBe(commit);
  expect(repo.agentBranches()).toEqual([branch]);
  expect(repo.currentBranch()).toBe(branch);
  expect(repo.revParse(`${commit}^`)).toBe(main);
  expect(repo.git("log", "-1", "--format=%an|%s", commit)).toBe(`Alice Park|Apply agent recommendation for work item ${itemId}`);
  expect(repo.show(commit, "src/price.ts")).toContain("export function formatPrice(cents: number)");
  expect(repo.show(commit, "src/cart.ts")).toContain('import { formatPrice } from "./price";');
  expect(repo.show(commit, "src/cart.ts")).not.toContain("priceOf");
  expect(repo.show("main", "src/price.ts")).toContain("export function priceOf(");
  expect(repo.git("status", "--porcelain")).toBe("");
});

test("an agent that cannot read its repository shows why on the item, and the item still moves on", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const { item, review } = alice;
  const folder = createPlainFolder("not-a-repo");
  const workflowId = await agentReviewWorkflow(alice, e2eName("agent failure"), { agentTargetPath: folder });
  const itemId = await alice.api.createItem(workflowId, RENAME);

  await item.goto(`/items/${itemId}`);
  await item.moveTo(STAGE.agent);
  await review.waitFor("error");
  await expect(review.status).toHaveAttribute("data-status", "error");
  await expect(review.error).toContainText("The agent could not make a recommendation.");
  await expect(review.error).toContainText(`“${folder}” is not inside a git repository`);
  // Server paths stay on the server.
  await expect(review.error).not.toContainText(process.env.E2E_DATA_DIR!);
  await expect(review.latest).toContainText("The item can still move on.");
  await expect(review.askAgain).toBeVisible();
  await expect(review.acceptButton).toHaveCount(0);

  await item.moveTo(STAGE.human);
  await expect(item.property("Stage")).toContainText(STAGE.human);
  await expect.poll(() => item.selected(item.stageSelect)).toMatch(/^Human review/);
  await expect(item.historyEntries.filter({ hasText: `to ${STAGE.human}` })).toHaveCount(1);
  // The failed recommendation stays on record, without "Ask again" outside the agent stage.
  await expect(review.error).toBeVisible();
  await expect(review.askAgain).toHaveCount(0);
});
