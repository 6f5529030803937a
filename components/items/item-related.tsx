/**
 * Runs and agent recommendations of this item. Neither exists yet for items: the engine and the
 * agent orchestrator fill these sections in when they start recording them.
 */
export function ItemRelated() {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <section aria-labelledby="item-runs-heading" className="rounded-xl border border-dashed border-slate-300 px-4 py-4" data-testid="item-runs">
        <h2 id="item-runs-heading" className="text-sm font-semibold text-slate-900">
          Runs
        </h2>
        <p className="mt-1 text-sm text-slate-500">No runs for this item yet. Automated stages will list their runs here.</p>
      </section>
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
    </div>
  );
}
