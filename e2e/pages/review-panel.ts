import { type Locator, type Page, expect } from "@playwright/test";

export type RecommendationStatus = "pending" | "proposed" | "error" | "accepted" | "rejected" | "superseded";

/**
 * The agent-assist review panel on an item's page: the newest recommendation (its plan, patch and the
 * Accept / Edit / Reject controls, or its error, or the decision), earlier ones folded below.
 */
export class ReviewPanel {
  readonly panel: Locator;
  /** The newest recommendation's card; earlier ones sit in `earlier`. */
  readonly latest: Locator;
  readonly earlier: Locator;
  readonly status: Locator;
  readonly waiting: Locator;
  readonly summary: Locator;
  readonly steps: Locator;
  readonly patch: Locator;
  readonly patchFiles: Locator;
  readonly beyondPlanFlags: Locator;
  readonly acceptButton: Locator;
  readonly rejectButton: Locator;
  readonly editButton: Locator;
  readonly rejectReason: Locator;
  readonly confirmReject: Locator;
  readonly rejectForm: Locator;
  readonly applyResult: Locator;
  readonly applyNeedsPermission: Locator;
  readonly applyWaiting: Locator;
  readonly error: Locator;
  readonly askAgain: Locator;
  readonly decision: Locator;
  readonly decisionReason: Locator;
  readonly readOnly: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId("review-panel");
    this.latest = this.panel.getByTestId("recommendation").first();
    this.earlier = this.panel.getByTestId("earlier-recommendations");
    this.status = this.latest.getByTestId("recommendation-status");
    this.waiting = this.panel.getByTestId("review-waiting");
    this.summary = this.latest.getByTestId("plan-summary");
    this.steps = this.latest.getByTestId("plan-step");
    this.patch = this.latest.getByTestId("patch-view");
    this.patchFiles = this.latest.getByTestId("patch-file");
    this.beyondPlanFlags = this.latest.getByTestId("beyond-plan-flag");
    this.acceptButton = this.latest.getByTestId("accept-recommendation");
    this.rejectButton = this.latest.getByTestId("reject-recommendation");
    this.editButton = this.latest.getByTestId("edit-recommendation");
    this.rejectForm = this.latest.getByTestId("reject-form");
    this.rejectReason = this.latest.getByTestId("reject-reason");
    this.confirmReject = this.latest.getByTestId("confirm-reject");
    this.applyResult = this.latest.getByTestId("apply-result");
    this.applyNeedsPermission = this.latest.getByTestId("apply-needs-permission");
    this.applyWaiting = this.latest.getByTestId("apply-waiting");
    this.error = this.latest.getByTestId("recommendation-error");
    this.askAgain = this.latest.getByTestId("ask-again");
    this.decision = this.latest.getByTestId("decision-summary");
    this.decisionReason = this.latest.getByTestId("decision-reason");
    this.readOnly = this.latest.getByTestId("review-read-only");
  }

  /**
   * Waits for the agent to finish the newest recommendation (the page polls while it is pending) and
   * checks how it ended. The builtin engine takes a second or two; the page asks every 3 s.
   */
  async waitFor(status: RecommendationStatus, timeout = 30_000): Promise<void> {
    await expect(this.latest).toHaveAttribute("data-status", status, { timeout });
  }

  /** The risk of each plan step, in order. */
  async stepRisks(): Promise<string[]> {
    return this.steps.getByTestId("risk-badge").evaluateAll((els) => els.map((el) => el.getAttribute("data-risk") ?? ""));
  }

  /** The paths of the patch's files, sorted. */
  async patchPaths(): Promise<string[]> {
    const paths = await this.patchFiles.evaluateAll((els) => els.map((el) => el.getAttribute("data-path") ?? ""));
    return paths.sort();
  }

  /** The branch and full commit an apply-result box names. */
  async appliedOn(): Promise<{ branch: string; commit: string }> {
    const codes = this.applyResult.locator("code");
    const branch = (await codes.nth(0).innerText()).trim();
    const commit = (await codes.nth(1).getAttribute("title")) ?? "";
    return { branch, commit };
  }

  /** The files an apply-result box lists, sorted. */
  async appliedFiles(): Promise<string[]> {
    return (await this.applyResult.getByRole("list", { name: "Files changed" }).getByRole("listitem").allInnerTexts()).map((f) => f.trim()).sort();
  }

  /** Rejects the open recommendation with a reason. */
  async reject(reason: string): Promise<void> {
    await this.rejectButton.click();
    await this.rejectReason.fill(reason);
    await this.confirmReject.click();
  }
}
