"use client";
import { Button } from "@/components/ui/button";
import type { AgentWait } from "@/lib/runs/agent-waits";
import { StatusIcon } from "./status-icons";

/**
 * The top of the run page while agent calls wait for a person: which task, what it asks, and a button
 * that opens the task's panel, where the decision box is (one box per call, so one comment to write).
 */
export function AgentWaitBanner({ waits, selected, onSelect }: { waits: AgentWait[]; selected: string | null; onSelect: (key: string) => void }) {
  if (waits.length === 0) return null;
  return (
    <div className="space-y-2" data-testid="agent-wait-banner">
      {waits.map((w) => (
        <div key={w.callId} role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-950 ring-1 ring-amber-200 ring-inset">
          <StatusIcon kind="approval" className="size-4 shrink-0 text-amber-600" />
          <p className="min-w-0 flex-1">
            <span className="font-semibold">
              {w.agentName} in “{w.taskName}” waits for {w.canDecide ? "your" : "a"} decision
              {w.gate.tool ? (
                <>
                  {" "}
                  to call <span className="rounded bg-white px-1 font-mono text-[12px] ring-1 ring-amber-200">{w.gate.tool.name}</span>
                </>
              ) : null}
            </span>
            {/* A tool gate's reason only repeats the line above; a budget's or guardrail's says what happened. */}
            {w.gate.tool ? null : <span className="block text-amber-900">{w.gate.reason}</span>}
          </p>
          {selected === w.taskKey ? (
            <span className="text-xs text-amber-800">Decide in the task panel →</span>
          ) : (
            <Button type="button" variant="secondary" onClick={() => onSelect(w.taskKey)} data-testid="agent-wait-open">
              {w.canDecide ? "Review and decide" : "Show the call"}
            </Button>
          )}
        </div>
      ))}
    </div>
  );
}
