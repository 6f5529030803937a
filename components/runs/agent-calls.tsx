"use client";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import type { AgentCallView, Spend } from "@/lib/catalog/queries";
import type { AgentWait } from "@/lib/runs/agent-waits";
import { type Arranged, arrangeCalls, callLook, formatTokens, formatUsd, guardrailView } from "./agent-format";
import { AgentDecisionBox } from "./agent-decision";
import { AgentTranscript } from "./agent-transcript";
import { formatRunDuration } from "./status-look";

/** What answered when the call names no model: the builtin planner, a remote service, or a model not called yet. */
const ENGINE: Record<string, string> = { builtin: "builtin planner (offline)", http: "remote agent service", llm: "LLM agent" };

/** Tokens in and out, with the exact counts on hover. */
function Tokens({ input, output }: { input: number; output: number }) {
  return (
    <span title={`${input.toLocaleString("en-US")} tokens in, ${output.toLocaleString("en-US")} out`} className="tabular-nums">
      {formatTokens(input)} in · {formatTokens(output)} out
    </span>
  );
}

/** Guardrail verdicts as chips (reason on hover); flags and blocks also spelled out, since someone must read them. */
function Guardrails({ results }: { results: AgentCallView["guardrails"] }) {
  const [open, setOpen] = useState(false);
  if (results.length === 0) return null;
  const view = guardrailView(results);
  const listed = open ? view.chips : view.notable;
  return (
    <div className="space-y-1" data-testid="agent-guardrails">
      <div className="flex flex-wrap items-center gap-1">
        {view.chips.map((c, i) => (
          <span key={i} data-verdict={c.verdict} title={`${c.verdict.toUpperCase()} (${c.tag}): ${c.reason}`} className="cursor-help">
            <Badge tone={c.tone}>
              {c.verdict === "block" ? "✕" : c.verdict === "flag" ? "⚑" : "✓"} {c.label}
            </Badge>
          </span>
        ))}
        {view.passed > 0 ? (
          <button type="button" onClick={() => setOpen((o) => !o)} className="text-[11px] text-slate-500 hover:text-slate-800">
            {open ? "hide reasons" : "reasons"}
          </button>
        ) : null}
      </div>
      {listed.length ? (
        <ul className="space-y-0.5 text-xs">
          {listed.map((c, i) => (
            <li key={i} className={c.verdict === "block" ? "text-rose-800" : c.verdict === "flag" ? "text-amber-800" : "text-slate-600"}>
              <span className="font-medium">{c.label}</span> <span className="text-slate-400">({c.tag})</span>: {c.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** One call: who answered with which model, how it ended, what it used, its guardrails, and its transcript. */
function AgentCallCard({ item, open: startOpen }: { item: Arranged<AgentCallView>; open: boolean }) {
  const [open, setOpen] = useState(startOpen);
  const c = item.call;
  const look = callLook(c.status, Boolean(c.gate?.decision));
  const name = c.agent?.name ?? "Builtin planner";
  // A call held before it ran (a guardrail or budget gate) has used nothing yet: say so instead of zeros.
  const used = c.latencyMs > 0 || c.inputTokens + c.outputTokens > 0 || c.transcript.length > 0;
  return (
    <li className={item.depth ? "ml-3 border-l-2 border-violet-200 pl-2.5" : ""} data-testid="agent-call" data-call={c.id} data-status={c.status}>
      <div className="space-y-2 rounded-lg bg-white px-3 py-2.5 ring-1 ring-slate-200">
        {item.handoffFrom ? <p className="text-[11px] font-medium text-violet-700">Handoff from {item.handoffFrom}</p> : null}
        <div className="flex items-start gap-2">
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-semibold text-slate-900">
              {c.agent ? (
                <Link href={`/agents/catalog/${c.agent.id}`} className="hover:text-indigo-700 hover:underline" data-testid="agent-call-agent">
                  {name}
                  {c.agent.version !== null ? <span className="ml-1 font-normal text-slate-500">v{c.agent.version}</span> : null}
                </Link>
              ) : (
                name
              )}
            </p>
            <p className="truncate text-xs text-slate-500">
              {c.model ?? ENGINE[c.engine] ?? c.engine}
              {c.iteration > 1 ? ` · iteration ${c.iteration}` : ""}
              {!item.handoffFrom && c.roleId ? ` · role ${c.roleId}` : ""}
            </p>
          </div>
          <Badge tone={look.tone}>{look.label}</Badge>
        </div>
        {used ? (
          <p className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600">
            <Tokens input={c.inputTokens} output={c.outputTokens} />
            <span className="tabular-nums" title="Time the agent took, pauses for people left out">
              {formatRunDuration(c.latencyMs)}
            </span>
            <span className="tabular-nums" title="Estimated from the agent version's prices per million tokens">
              ≈ {formatUsd(c.costUsd)}
            </span>
          </p>
        ) : (
          <p className="text-xs text-slate-500">{c.status === "waiting" ? "Not called yet: it waits for a person's decision." : "The agent was not called."}</p>
        )}
        <Guardrails results={c.guardrails} />
        {c.error ? <p className="rounded-md bg-rose-50 px-2.5 py-1.5 text-xs break-words whitespace-pre-wrap text-rose-800 ring-1 ring-rose-200">{c.error}</p> : null}
        {c.transcript.length ? (
          <div>
            <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open} className="text-xs font-medium text-indigo-600 hover:text-indigo-800" data-testid="agent-call-toggle">
              {open ? "▾ Hide transcript" : `▸ Transcript (${c.transcript.length} ${c.transcript.length === 1 ? "entry" : "entries"})`}
            </button>
            {open ? (
              <div className="mt-2">
                <AgentTranscript entries={c.transcript} agentName={name} />
              </div>
            ) : null}
          </div>
        ) : null}
      </div>
    </li>
  );
}

/**
 * An agent task's calls in order (a handoff under the call that made it), what they used in all, and,
 * while one waits for a person, its decision box on top.
 */
export function AgentCalls({ runId, calls, spend, wait }: { runId: string; calls: AgentCallView[]; spend: Spend | undefined; wait: AgentWait | undefined }) {
  const arranged = arrangeCalls(calls);
  return (
    <section className="space-y-2" data-testid="agent-calls">
      <h3 className="flex items-baseline gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Agent calls
        {spend && spend.calls > 0 ? (
          <span className="ml-auto font-normal tracking-normal normal-case" data-testid="agent-task-spend">
            <Tokens input={spend.inputTokens} output={spend.outputTokens} /> · ≈ {formatUsd(spend.costUsd)}
          </span>
        ) : null}
      </h3>
      {wait ? <AgentDecisionBox runId={runId} wait={wait} /> : null}
      {arranged.length === 0 ? (
        <p className="text-sm text-slate-400">No agent call yet.</p>
      ) : (
        <ol className="space-y-2">
          {arranged.map((a) => (
            // Open what needs reading: a lone call, one that waits, and one that did not end well.
            <AgentCallCard key={a.call.id} item={a} open={arranged.length === 1 || a.call.status !== "ok"} />
          ))}
        </ol>
      )}
    </section>
  );
}
