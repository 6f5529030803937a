import Link from "next/link";
import { StatusIcon } from "@/components/runs/status-icons";
import { cardRunLook } from "@/components/runs/status-look";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatAge } from "@/lib/format";
import type { BoardCard } from "@/lib/work-items/board-json";
import type { Priority } from "@/lib/work-items/schemas";

const priorityTone: Record<Priority, Tone> = { urgent: "rose", high: "amber", medium: "sky", low: "slate", none: "slate" };

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

const runText: Record<Tone, string> = {
  sky: "text-sky-700",
  amber: "text-amber-700",
  violet: "text-violet-700",
  rose: "text-rose-700",
  slate: "text-slate-600",
  indigo: "text-indigo-700",
  emerald: "text-emerald-700",
};

/** The latest run's state under the title: running, waiting or failed (with the start of its error). */
function CardRun({ run }: { run: NonNullable<BoardCard["run"]> }) {
  const look = cardRunLook(run.status);
  if (!look) return null;
  return (
    <Link
      href={`/runs/${run.id}`}
      prefetch={false}
      tabIndex={-1}
      draggable={false}
      title={run.error ? `${look.label}: ${run.error}` : look.label}
      className={`mt-1.5 flex items-start gap-1 text-xs hover:underline ${runText[look.tone]}`}
      data-testid="card-run"
      data-status={run.status}
    >
      <StatusIcon kind={look.icon} className="mt-px size-3.5 shrink-0" />
      {run.status === "failed" ? (
        <span className="line-clamp-2 break-words" data-testid="card-run-error">
          {run.error ?? look.label}
        </span>
      ) : (
        <span>{look.label}</span>
      )}
    </Link>
  );
}

const agentLook: Record<NonNullable<BoardCard["agent"]>["status"], { label: string; className: string }> = {
  pending: { label: "Agent is preparing a plan…", className: "text-violet-700" },
  proposed: { label: "Agent plan to review", className: "text-indigo-700" },
  error: { label: "Agent failed", className: "text-rose-700" },
};

/**
 * The agent's recommendation under the title: working, waiting for review, or failed (with the start of the
 * error). Plain text: the card's title already links to the item, where the review is.
 */
function CardAgent({ agent }: { agent: NonNullable<BoardCard["agent"]> }) {
  const look = agentLook[agent.status];
  return (
    <p
      title={agent.error ? `${look.label}: ${agent.error}` : look.label}
      className={`mt-1.5 flex items-start gap-1 text-xs ${look.className}`}
      data-testid="card-agent"
      data-status={agent.status}
    >
      <span aria-hidden className="mt-px shrink-0">
        {agent.status === "error" ? "⚠" : "✦"}
      </span>
      <span className="line-clamp-2 break-words">{agent.status === "error" && agent.error ? `${look.label}: ${agent.error}` : look.label}</span>
    </p>
  );
}

/** What a card shows: title, its run's and agent's state, priority, time in the current stage, assignee. */
export function ItemCard({ card, now, lifted = false }: { card: BoardCard; now: number; lifted?: boolean }) {
  return (
    <div
      className={`rounded-lg bg-white p-3 ring-1 ring-slate-200 transition-shadow ${lifted ? "rotate-1 shadow-lg ring-indigo-300" : "shadow-sm hover:ring-slate-300"}`}
    >
      <Link href={`/items/${card.id}`} prefetch={false} tabIndex={-1} className="block text-sm font-medium leading-snug hover:text-indigo-700" draggable={false}>
        {card.title}
      </Link>
      {card.run ? <CardRun run={card.run} /> : null}
      {card.agent ? <CardAgent agent={card.agent} /> : null}
      <div className="mt-2 flex items-center gap-2 text-xs text-slate-500">
        {card.priority !== "none" ? <Badge tone={priorityTone[card.priority]}>{card.priority}</Badge> : null}
        <span title="Time in this stage">{formatAge(now - card.enteredStageAt)} in stage</span>
        {card.assigneeName ? (
          <span
            title={`Assigned to ${card.assigneeName}`}
            className="ml-auto grid size-6 place-items-center rounded-full bg-indigo-100 text-[10px] font-semibold text-indigo-700"
          >
            {initials(card.assigneeName)}
          </span>
        ) : (
          <span className="ml-auto text-slate-400">Unassigned</span>
        )}
      </div>
    </div>
  );
}
