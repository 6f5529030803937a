/**
 * Agent recommendations of this item. None exist yet for items: the agent orchestrator fills this
 * section in when it starts recording them.
 */
export function ItemRelated() {
  return (
    <section
      aria-labelledby="item-recommendations-heading"
      className="rounded-xl border border-dashed border-slate-300 px-4 py-4"
      data-testid="item-recommendations"
    >
      <h2 id="item-recommendations-heading" className="text-sm font-semibold text-slate-900">
        Agent recommendations
      </h2>
      <p className="mt-1 text-sm text-slate-500">No agent recommendations for this item yet.</p>
    </section>
  );
}
