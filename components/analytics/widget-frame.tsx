/** A dashboard widget's card: a heading, a line saying what it shows, the content. */
export function WidgetFrame({
  testId,
  title,
  description,
  className = "",
  busy = false,
  children,
}: {
  testId: string;
  title: string;
  description?: React.ReactNode;
  className?: string;
  busy?: boolean;
  children: React.ReactNode;
}) {
  const headingId = `${testId}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      aria-busy={busy || undefined}
      data-testid={testId}
      className={`min-w-0 space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${className}`}
    >
      <div className="space-y-0.5">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {description ? <p className="text-xs text-slate-500">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

/** What a widget shows when the range holds nothing to draw: what would fill it. */
export function EmptyState({ children }: { children: React.ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500" data-testid="widget-empty">
      {children}
    </p>
  );
}

/** A figure with its label, and a hint under it. */
export function Stat({ label, value, hint, testId }: { label: string; value: React.ReactNode; hint?: string; testId?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2.5">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
      {hint ? <dd className="text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}
