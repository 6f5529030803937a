import { editDiff } from "@/lib/agents/plan-diff";
import type { Plan } from "@/lib/agents/types";
import type { NewWorkItemTransition, StageType, agentRecommendations } from "./schema";

type NewRecommendation = typeof agentRecommendations.$inferInsert;
const MINUTE = 60_000;

/** A plan of the shape the builtin engine gives for a review, about one item. */
function reviewPlan(title: string, rand: () => number): Plan {
  const risky = rand() < 0.4;
  return {
    summary: `Pre-review of “${title}”: ${risky ? "one risky change and a missing test" : "small, contained change"}.`,
    steps: [
      { title: "Read the diff against the base branch", description: "", risk: "low", estimate_minutes: 5, files: [] },
      { title: risky ? "Cover the changed branch with a test" : "Check the touched files' tests", description: "", risk: risky ? "medium" : "low", estimate_minutes: risky ? 30 : 10, files: [] },
    ],
    risks: risky ? ["A changed code path has no test."] : [],
  };
}

/**
 * Past agent recommendations for the demo: one for each visit of an item to an agent-assist stage that
 * has ended, proposed a couple of minutes after the item arrived and decided by whoever moved it on —
 * mostly accepted (a few after an edit), some rejected — so the analytics show the agent's record.
 */
export function seedRecommendations(o: {
  workflowId: string;
  stages: { id: string; type: StageType }[];
  items: { id: string; title: string }[];
  transitions: NewWorkItemTransition[];
  rand: () => number;
  idOf: (key: string) => string;
}): NewRecommendation[] {
  const agentStages = new Set(o.stages.filter((s) => s.type === "AGENT_ASSIST").map((s) => s.id));
  const title = new Map(o.items.map((i) => [i.id, i.title]));
  const byItem = new Map<string, NewWorkItemTransition[]>();
  for (const t of o.transitions) byItem.set(t.workItemId, [...(byItem.get(t.workItemId) ?? []), t]);
  const out: NewRecommendation[] = [];
  for (const [itemId, moves] of byItem) {
    moves.forEach((exit, k) => {
      if (k === 0 || !exit.fromStageId || !agentStages.has(exit.fromStageId)) return;
      const entered = (moves[k - 1]!.at as Date).getTime();
      const left = (exit.at as Date).getTime();
      const finished = entered + Math.min(2 * MINUTE, (left - entered) / 3);
      const decided = finished + (left - finished) * (0.3 + 0.6 * o.rand());
      const accepted = o.rand() < 0.75;
      const plan = reviewPlan(title.get(itemId) ?? "an item", o.rand);
      const edit = accepted && o.rand() < 0.3 ? { ...plan, risks: [...plan.risks, "Also check the release notes."] } : null;
      out.push({
        id: o.idOf(`recommendation:${itemId}:${k}`),
        workflowId: o.workflowId,
        workItemId: itemId,
        stageId: exit.fromStageId,
        status: accepted ? "accepted" : "rejected",
        goal: `Pre-review “${title.get(itemId)}”`,
        intent: "review",
        engine: "builtin",
        plan,
        inputTokens: 1500 + Math.floor(o.rand() * 4000),
        outputTokens: 200 + Math.floor(o.rand() * 400),
        latencyMs: 300 + Math.floor(o.rand() * 1500),
        notes: [],
        editedPlan: edit,
        editDiff: edit ? editDiff({ plan, patch: null }, { plan: edit, patch: null }) : null,
        reviewerId: exit.actorId ?? null,
        decisionReason: accepted ? null : "Not what this change needs.",
        createdAt: new Date(entered + MINUTE / 2),
        finishedAt: new Date(finished),
        decidedAt: new Date(decided),
      });
    });
  }
  return out;
}
