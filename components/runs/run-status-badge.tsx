import { Badge } from "@/components/ui/badge";
import type { RunStatus } from "@/lib/engine/run-state";
import { StatusIcon } from "./status-icons";
import { runLook } from "./status-look";

/** A run's status as a badge with its icon; `testId` marks the run page's own badge. */
export function RunStatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  const look = runLook(status);
  return (
    <span data-testid={testId} data-status={status} className="inline-flex">
      <Badge tone={look.tone}>
        <StatusIcon kind={look.icon} className="size-3.5" />
        {look.label}
      </Badge>
    </span>
  );
}
