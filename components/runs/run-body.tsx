"use client";
import { useCallback, useMemo, useState } from "react";
import type { RunAgents, RunView } from "@/lib/runs/queries";
import { AgentWaitBanner } from "./agent-wait-banner";
import { type RunEventEntry, mergeEvents } from "./event-text";
import { RunEvents } from "./run-events";
import { RunGraph } from "./run-graph";
import { TaskPanel } from "./task-panel";
import { isActiveRun } from "./status-look";
import { useRunLive } from "./use-run-live";

/** The task that most needs the viewer when the page opens: one they can decide or fill in, else a failed one. */
function attentionTask(view: RunView, agents: RunAgents): string | null {
  const t =
    view.tasks.find((x) => x.approval?.canDecide) ??
    view.tasks.find((x) => agents.waits.some((w) => w.taskKey === x.key && w.canDecide)) ??
    view.tasks.find((x) => x.canSubmit) ??
    view.tasks.find((x) => x.status === "failed");
  return t?.key ?? null;
}

/**
 * The live part of the run page: the graph with the selected task's panel beside it, the event log
 * under them. New events show in the log at once; the view itself comes back from the server.
 */
export function RunBody({ view, agents, events }: { view: RunView; agents: RunAgents; events: RunEventEntry[] }) {
  const [selected, setSelected] = useState<string | null>(() => attentionTask(view, agents));
  const [streamed, setStreamed] = useState<RunEventEntry[]>([]);
  const onEvent = useCallback((e: RunEventEntry) => setStreamed((list) => mergeEvents(list, [e], 200)), []);
  useRunLive({ runId: view.run.id, lastSeq: view.run.lastSeq, active: isActiveRun(view.run.status), onEvent });

  const log = useMemo(() => mergeEvents(events, streamed), [events, streamed]);
  const names = useMemo(() => new Map(view.tasks.map((t) => [t.key, t.name])), [view.tasks]);
  const name = useCallback((key: string) => names.get(key) ?? key, [names]);
  const task = selected ? view.tasks.find((t) => t.key === selected) : undefined;
  const def = selected ? view.graph.tasks.find((t) => t.id === selected) : undefined;

  return (
    <div className="space-y-4">
      <AgentWaitBanner waits={agents.waits} selected={selected} onSelect={setSelected} />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <div className="h-[28rem] overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200 xl:h-[34rem]" data-testid="run-graph">
          <RunGraph view={view} selected={selected} onSelect={setSelected} />
        </div>
        {task ? (
          <div className="xl:max-h-[34rem] xl:overflow-y-auto">
            <TaskPanel runId={view.run.id} task={task} def={def} agents={agents} onClose={() => setSelected(null)} />
          </div>
        ) : (
          <div className="grid place-items-center rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">
            Select a task to see its input, output, attempts and timings.
          </div>
        )}
      </div>
      <RunEvents events={log} name={name} onSelect={setSelected} />
    </div>
  );
}
