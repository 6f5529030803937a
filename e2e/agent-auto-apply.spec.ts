import { RENAME, STAGE, agentReviewWorkflow, e2eName } from "./agent-workflow";
import { expect, test } from "./fixtures";
import { createShopRepo } from "./git-repo";

// The agent works in a background job, a second or two on an idle machine, longer beside other tests.
test.describe.configure({ timeout: 60_000 });

test("a stage with auto-apply, in a workflow a team admin owns, commits the agent's patch on a branch as the item enters it", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const { board, review } = alice;
  const repo = createShopRepo();
  const main = repo.revParse("main");
  const workflowId = await agentReviewWorkflow(alice, e2eName("auto-apply"), { agentTargetPath: repo.name, agentAutoApply: true });
  const itemId = await alice.api.createItem(workflowId, RENAME);

  await board.goto(`/workflows/${workflowId}`);
  await board.expectIn(RENAME, STAGE.ready);
  await board.dragTo(RENAME, STAGE.agent);
  await board.expectIn(RENAME, STAGE.agent);

  await board.card(RENAME).getByRole("link", { name: RENAME, exact: true }).click();
  await expect(alice.page).toHaveURL(new RegExp(`/items/${itemId}$`));
  // The auto-apply result shows once the job is done, with no reload: the recommendation is stored with it,
  // and the page's live stream resumes from where the page was rendered.
  await expect(review.applyResult).toBeVisible({ timeout: 30_000 });
  await expect(review.applyResult).toHaveAttribute("data-auto", "true");
  await expect(review.applyResult).toHaveAttribute("data-ok", "true");
  await expect(review.applyResult).toContainText("Auto-applied on branch");
  const { branch, commit } = await review.appliedOn();
  expect(await review.appliedFiles()).toEqual(["src/cart.ts", "src/price.ts"]);
  // Applied, not decided: a person still reviews the plan.
  await expect(review.status).toHaveAttribute("data-status", "proposed");

  expect(repo.agentBranches()).toEqual([branch]);
  expect(repo.git("log", "--all", "--format=%H")).toContain(commit);
  expect(repo.revParse(branch)).toBe(commit);
  expect(repo.revParse(`${commit}^`)).toBe(main);
  expect(repo.currentBranch()).toBe(branch);
  expect(repo.git("log", "-1", "--format=%an|%s", commit)).toBe(`Tandem Agent|Apply agent recommendation for work item ${itemId}`);
  expect(repo.show(commit, "src/price.ts")).toContain("export function formatPrice(cents: number)");
  expect(repo.show(commit, "src/cart.ts")).toContain("return formatPrice(totalCents(lines));");
  expect(repo.revParse("main")).toBe(main);
});

test("auto-apply and apply both need code.edit: in a member's workflow the patch waits for someone who may apply it", async ({ signInAs }) => {
  // Bob is a member of Platform Engineering: he may change the workflow's items, not the team's code.
  const bob = await signInAs("bob");
  const { item, review } = bob;
  const repo = createShopRepo();
  const workflowId = await agentReviewWorkflow(bob, e2eName("member auto-apply"), { agentTargetPath: repo.name, agentAutoApply: true });
  const itemId = await bob.api.createItem(workflowId, RENAME);

  await item.goto(`/items/${itemId}`);
  await item.moveTo(STAGE.agent);
  await review.waitFor("proposed");
  await expect(review.applyResult).toHaveAttribute("data-ok", "false");
  await expect(review.applyResult).toHaveAttribute("data-auto", "true");
  await expect(review.applyResult).toContainText("the workflow's owner does not hold code.edit, so the patch was not applied");
  expect(await review.patchPaths()).toEqual(["src/cart.ts", "src/price.ts"]);
  await expect(review.acceptButton).toHaveText("Accept plan");
  await expect(review.applyNeedsPermission).toBeVisible();

  await review.acceptButton.click();
  await review.waitFor("accepted", 10_000);
  await expect(review.decision).toContainText("Accepted by Bob Okafor");
  await expect(review.applyWaiting).toHaveText("The patch was not applied: applying needs code.edit.");
  expect(repo.agentBranches()).toEqual([]);
  expect(repo.currentBranch()).toBe("main");
  expect(repo.git("status", "--porcelain")).toBe("");
});

test("accepting a plan whose patch auto-apply already committed records the decision and applies nothing again", async ({ signInAs }) => {
  // The patch is on its branch already: the button offers "Accept plan", and accepting applies nothing again.
  const alice = await signInAs("alice");
  const { item, review } = alice;
  const repo = createShopRepo();
  const workflowId = await agentReviewWorkflow(alice, e2eName("auto-apply then accept"), { agentTargetPath: repo.name, agentAutoApply: true });
  const itemId = await alice.api.createItem(workflowId, RENAME);

  await item.goto(`/items/${itemId}`);
  await item.moveTo(STAGE.agent);
  await expect(review.applyResult).toHaveAttribute("data-ok", "true", { timeout: 30_000 });
  const { branch } = await review.appliedOn();

  await expect(review.acceptButton).toHaveText("Accept plan");
  await review.acceptButton.click();
  await review.waitFor("accepted", 10_000);
  await expect(review.decision).toContainText("Accepted by Alice Park");
  await expect(review.latest.locator('[data-testid="apply-result"][data-ok="false"]')).toHaveCount(0);
  expect(repo.agentBranches()).toEqual([branch]);
});
