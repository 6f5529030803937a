import { Suspense } from "react";
import { WidgetBoundary } from "./widget-boundary";
import { WidgetSkeleton } from "./widget-skeleton";

/** One widget's own loading and failure: a skeleton while its query streams, a message if it fails. */
export function WidgetSlot({
  testId,
  title,
  shape,
  className = "",
  children,
}: {
  testId: string;
  title: string;
  shape: "stats" | "chart" | "table";
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={`min-w-0 ${className}`}>
      <WidgetBoundary title={title}>
        <Suspense fallback={<WidgetSkeleton testId={testId} title={title} shape={shape} />}>{children}</Suspense>
      </WidgetBoundary>
    </div>
  );
}
