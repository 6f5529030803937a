"use client";
import { Timestamp } from "@/components/items/timestamp";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EXECUTORS } from "@/components/designer/executors/registry";
import type { Task } from "@/lib/engine/graph-schema";
import { retryRunAction } from "@/lib/runs/actions";
import type { RunAgents } from "@/lib/runs/queries";
import { AgentCalls } from "./agent-calls";
import { ApprovalForm } from "./approval-form";
import { HumanOutputForm } from "./human-output-form";
import { prettyJson } from "./json";
import type { RunTask } from "./run-task-node";
import { StatusIcon } from "./status-icons";
import { formatRunDuration, taskLook } from "./status-look";
import { useRunAction } from "./use-run-action";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-1.5">
      <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      {children}
    </section>
  );
}

function Json({ value, testId }: { value: unknown; testId?: string }) {
  return (
    <pre className="max-h-64 overflow-auto rounded-md bg-slate-50 px-3 py-2 font-mono text-[12px] leading-5 text-slate-800 ring-1 ring-slate-200" data-testid={testId}>
      {prettyJson(value)}
    </pre>
  );
}

function When({ label, at }: { label: string; at: Date | null }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-800">{at ? <Timestamp at={at} /> : "—"}</dd>
    </>
  );
}

/** Schema errors and other details as a list when they are a list of messages, else as JSON. */
function ErrorDetails({ details }: { details: unknown }) {
  if (Array.isArray(details) && details.every((d) => typeof d === "string")) {
    return (
      <ul className="list-disc space-y-0.5 pl-5 text-xs text-rose-800" data-testid="task-error-details">
        {details.map((d, i) => (
          <li key={i}>{d}</li>
        ))}
      </ul>
    );
  }
  return <Json value={details} testId="task-error-details" />;
}

/** The approval: what it asks, how many it needs, who decided what, and the decision form for the viewer. */
function ApprovalSection({ runId, task }: { runId: string; task: RunTask }) {
  const a = task.approval!;
  const approvals = a.decisions.filter((d) => d.approve).length;
  return (
    <Section title="Approval">
      {a.instructions ? <p className="text-sm whitespace-pre-wrap text-slate-700">{a.instructions}</p> : null}
      <p className="text-xs text-slate-500" data-testid="approval-count">
        {approvals} of {a.needed} approval{a.needed === 1 ? "" : "s"} · approvers need {a.level} access
      </p>
      {a.decisions.length ? (
        <ul className="space-y-1.5" data-testid="approval-decisions">
          {a.decisions.map((d) => (
            <li key={`${d.userId}-${String(d.at)}`} className="rounded-md bg-slate-50 px-2.5 py-1.5 text-sm ring-1 ring-slate-200">
              <span className="flex items-center gap-2">
                <Badge tone={d.approve ? "emerald" : "rose"}>{d.approve ? "Approved" : "Rejected"}</Badge>
                <span className="font-medium">{d.name}</span>
                <Timestamp at={new Date(d.at)} className="ml-auto text-xs text-slate-500" />
              </span>
              {d.comment ? <span className="mt-1 block text-slate-600">“{d.comment}”</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No decisions yet.</p>
      )}
      {a.canDecide ? <ApprovalForm runId={runId} taskKey={task.key} /> : null}
    </Section>
  );
}

/**
 * The selected task: state, timings, attempts, input, output and error; the approval or human-task form
 * when the viewer can act; an agent task's calls (and the decision one waits for); “Retry from here”
 * on a failed run.
 */
export function TaskPanel({ runId, task, def, agents, onClose }: { runId: string; task: RunTask; def: Task | undefined; agents: RunAgents; onClose: () => void }) {
  const look = taskLook(task.status, task.waitingFor);
  const exec = EXECUTORS[task.executor];
  const retry = useRunAction();
  const instructions = def?.executor.kind === "human" ? def.executor.instructions : "";
  return (
    <aside className="space-y-5 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="task-panel" data-task={task.key} aria-label={`Task ${task.name}`}>
      <header className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold text-slate-900">{task.name}</h2>
          <p className="truncate font-mono text-xs text-slate-500">
            {exec.label} · {task.key}
          </p>
        </div>
        <button type="button" onClick={onClose} className="rounded px-1.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700" aria-label="Close the task panel">
          ×
        </button>
      </header>
      <div className="flex flex-wrap items-center gap-2" data-testid="task-status" data-status={task.status}>
        <Badge tone={look.tone}>
          <StatusIcon kind={look.icon} className="size-3.5" />
          {look.label}
        </Badge>
        {task.canRetryFrom ? (
          <Button
            type="button"
            variant="secondary"
            className="ml-auto"
            disabled={retry.pending}
            data-testid="task-retry"
            onClick={() => retry.run(() => retryRunAction({ runId, taskKey: task.key }), () => `Retrying from “${task.name}”.`)}
          >
            {retry.pending ? "Retrying…" : "Retry from here"}
          </Button>
        ) : null}
      </div>
      <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">Attempt</dt>
        <dd className="text-slate-800 tabular-nums">
          {task.attempt}
          {def && def.retry.maxAttempts > 1 ? ` of up to ${def.retry.maxAttempts}` : ""}
        </dd>
        <dt className="text-slate-500">Iteration</dt>
        <dd className="text-slate-800 tabular-nums">
          {task.iteration}
          {def?.loop ? ` (loops up to ${def.loop.maxIterations})` : ""}
        </dd>
        <When label="Queued" at={task.queuedAt} />
        <When label="Started" at={task.startedAt} />
        <When label="Finished" at={task.finishedAt} />
        <dt className="text-slate-500">Duration</dt>
        <dd className="text-slate-800">{formatRunDuration(task.durationMs)}</dd>
      </dl>
      {task.error ? (
        <Section title="Error">
          <p className="rounded-md bg-rose-50 px-3 py-2 text-sm whitespace-pre-wrap break-words text-rose-800 ring-1 ring-rose-200" data-testid="task-error">
            {task.error}
          </p>
          {task.errorDetails !== null ? <ErrorDetails details={task.errorDetails} /> : null}
        </Section>
      ) : null}
      {task.approval ? <ApprovalSection runId={runId} task={task} /> : null}
      {task.executor === "agent" ? (
        <AgentCalls
          runId={runId}
          calls={agents.calls.filter((c) => c.taskKey === task.key)}
          spend={agents.spend.byTask[task.key]}
          wait={agents.waits.find((w) => w.taskKey === task.key)}
        />
      ) : null}
      {task.executor === "human" && (task.canSubmit || instructions) ? (
        <Section title="Your part">
          {instructions ? <p className="text-sm whitespace-pre-wrap text-slate-700">{instructions}</p> : null}
          {task.canSubmit ? <HumanOutputForm key={`${task.key}-${task.iteration}-${task.attempt}`} runId={runId} taskKey={task.key} outputSchema={def?.outputSchema ?? null} /> : null}
        </Section>
      ) : null}
      <Section title="Input">{task.input === null ? <p className="text-sm text-slate-400">Not started yet.</p> : <Json value={task.input} testId="task-input" />}</Section>
      <Section title="Output">{task.output === null ? <p className="text-sm text-slate-400">No output yet.</p> : <Json value={task.output} testId="task-output" />}</Section>
    </aside>
  );
}
