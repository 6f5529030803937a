import { randomBytes } from "node:crypto";
import { expect, type UserSession } from "./fixtures";
import type { AgentStageSettings } from "./tandem-api";

/** The seeded global template whose second stage asks the agent for a pre-review. */
export const CODE_REVIEW_TEMPLATE = "Code review with agent pre-review";
export const STAGE = { ready: "Ready for review", agent: "Agent pre-review", human: "Human review" } as const;
export const PLATFORM = "Platform Engineering";

/** A goal the builtin engine patches: `priceOf` is declared in src/price.ts and used in src/cart.ts. */
export const RENAME = "rename priceOf to formatPrice";

/**
 * A unique workflow name. "E2E " first: other specs check the seeded workflows of the shared data
 * folder and leave out the ones tests add.
 */
export const e2eName = (what: string) => `E2E ${what} ${randomBytes(3).toString("hex")}`;

/** Instantiates the code-review template as a Platform Engineering workflow through the gallery; returns its id. */
export async function useCodeReviewTemplate(user: UserSession, name: string): Promise<string> {
  await user.templates.goto("global");
  const card = user.templates.card(CODE_REVIEW_TEMPLATE);
  await expect(card.getByTestId("stage-pipeline")).toContainText(STAGE.agent);
  await card.getByTestId("use-template").click();
  await user.templates.submitTarget({ name, visibility: "team", team: PLATFORM });
  await user.page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  await expect(user.board.name).toHaveText(name);
  return new URL(user.page.url()).pathname.split("/").at(-1)!;
}

/** The template instantiated, with its agent stage pointed at a repository (and other settings). */
export async function agentReviewWorkflow(user: UserSession, name: string, settings: AgentStageSettings): Promise<string> {
  const workflowId = await useCodeReviewTemplate(user, name);
  await user.api.setAgentStage(workflowId, STAGE.agent, settings);
  return workflowId;
}
