"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { AgentDecisionForm, AgentGateDetails } from "@/components/runs/agent-decision";
import { listAgentWaitsAction } from "@/lib/runs/actions";

async function loadWaits(runId: string) {
  const result = await listAgentWaitsAction({ runId });
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

/**
 * An agent call of the item's current run that waits for a person, decided right here like an approval
 * is. The item page's data does not say what a waiting run waits for, so this asks when the run waits;
 * `shownAt` (when the server rendered the page) is in the key, so each refresh of the page asks anew and
 * a decision is never made on a gate the page no longer shows.
 */
export function ItemAgentWait({ runId, shownAt }: { runId: string; shownAt: string }) {
  const { data, isError } = useQuery({ queryKey: ["run-agent-waits", runId, shownAt], queryFn: () => loadWaits(runId), staleTime: Infinity, retry: false });
  const open = (
    <Link href={`/runs/${runId}`} className="text-xs font-medium text-amber-800 underline hover:text-amber-950">
      Open the run
    </Link>
  );
  if (isError) {
    return (
      <p className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-200 ring-inset" data-testid="item-agent-wait">
        The run waits for a decision. {open}
      </p>
    );
  }
  if (!data?.length) return null;
  return (
    <>
      {data.map((w) => (
        <div key={w.callId} className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-200 ring-inset" data-testid="item-agent-wait" data-task={w.taskKey}>
          <p className="flex flex-wrap items-center gap-x-2 font-semibold">
            {w.agentName} in “{w.taskName}” waits for {w.canDecide ? "your approval" : "a decision"}
            {open}
          </p>
          <div className="mt-1 max-w-xl space-y-3">
            <AgentGateDetails gate={w.gate} />
            {w.canDecide ? (
              <AgentDecisionForm key={w.callId} runId={runId} taskKey={w.taskKey} kind={w.gate.kind} />
            ) : (
              <p className="text-xs text-amber-800">Someone with write access to this workflow decides.</p>
            )}
          </div>
        </div>
      ))}
    </>
  );
}
