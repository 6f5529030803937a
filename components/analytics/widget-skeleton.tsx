import { WidgetFrame } from "./widget-frame";

/** A widget's place while its query runs: the same card and heading, grey blocks for the content. */
export function WidgetSkeleton({ testId, title, shape }: { testId: string; title: string; shape: "stats" | "chart" | "table" }) {
  return (
    <WidgetFrame testId={`${testId}-loading`} title={title} busy>
      <div className="animate-pulse" aria-hidden="true">
        {shape === "stats" ? (
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className="h-16 rounded-lg bg-slate-100" />
            ))}
          </div>
        ) : shape === "chart" ? (
          <div className="h-[260px] rounded-lg bg-slate-100" />
        ) : (
          <div className="space-y-2">
            {Array.from({ length: 5 }, (_, i) => (
              <div key={i} className="h-6 rounded bg-slate-100" />
            ))}
          </div>
        )}
      </div>
      <p className="sr-only">Loading {title.toLowerCase()}…</p>
    </WidgetFrame>
  );
}
