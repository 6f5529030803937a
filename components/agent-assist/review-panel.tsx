import type { ReviewRecommendation } from "@/lib/agents/review-queries";
import { PendingState } from "./pending-state";
import { RecommendationCard } from "./recommendation-card";

/**
 * The item page's agent-assist section: the newest recommendation to review (or the wait for the
 * first one while the item sits in an agent-assist stage), earlier ones folded below. Renders nothing
 * for an item the agent never saw.
 */
export function ReviewPanel({
  itemId,
  recommendations,
  inAgentStage,
}: {
  itemId: string;
  /** Newest first. */
  recommendations: ReviewRecommendation[];
  /** The item is in an AGENT_ASSIST stage now. */
  inAgentStage: boolean;
}) {
  const [latest, ...earlier] = recommendations;
  if (!latest && !inAgentStage) return null;
  return (
    <section aria-labelledby="agent-assist-heading" className="space-y-3" data-testid="review-panel">
      <h2 id="agent-assist-heading" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        Agent recommendation
      </h2>
      {latest ? (
        <RecommendationCard rec={latest} itemId={itemId} canAsk={inAgentStage} />
      ) : (
        <div className="rounded-xl border border-dashed border-slate-300 px-4 py-4" data-testid="review-waiting">
          <PendingState label="Waiting for the agent: this stage asks it for a plan." />
        </div>
      )}
      {earlier.length ? (
        <details className="rounded-xl ring-1 ring-slate-200" data-testid="earlier-recommendations">
          <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-slate-700 select-none hover:bg-slate-50">
            Earlier recommendations ({earlier.length})
          </summary>
          <div className="space-y-3 border-t border-slate-200 bg-slate-50/60 p-3">
            {earlier.map((rec) => (
              <RecommendationCard key={rec.id} rec={rec} itemId={itemId} canAsk={false} />
            ))}
          </div>
        </details>
      ) : null}
    </section>
  );
}
