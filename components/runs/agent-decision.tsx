"use client";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import type { Gate } from "@/lib/agents/catalog/schemas";
import { decideAgentCallAction } from "@/lib/runs/actions";
import type { AgentWait } from "@/lib/runs/agent-waits";
import { formatTokens, formatUsd } from "./agent-format";
import { prettyJson } from "./json";
import { useRunAction } from "./use-run-action";

const TITLE: Record<Gate["kind"], string> = {
  tool: "The agent asks to call a tool",
  budget: "The agent's budget is used up",
  guardrail: "A guardrail asks a person to approve this call",
};

function Spent({ label, spent, limit }: { label: string; spent: string; limit: string }) {
  return (
    <>
      <dt className="text-amber-800">{label}</dt>
      <dd className="font-medium tabular-nums">
        {spent} <span className="font-normal text-amber-800">of {limit}</span>
      </dd>
    </>
  );
}

/** What the gate asks: its reason, and the tool with its arguments or the budget spent against its limit. */
export function AgentGateDetails({ gate }: { gate: Gate }) {
  const b = gate.budget;
  return (
    <div className="space-y-2">
      <p className="text-sm">{gate.reason}</p>
      {gate.tool ? (
        <div>
          <p className="text-xs text-amber-800">
            Tool <span className="rounded bg-white px-1 font-mono text-[12px] text-slate-900 ring-1 ring-amber-200">{gate.tool.name}</span> with
          </p>
          <pre
            // Wrapped, not scrolled sideways: the person approving must be able to read every argument.
            className="mt-1 max-h-72 overflow-auto rounded-md bg-white px-2.5 py-1.5 font-mono text-[12px] leading-5 break-words whitespace-pre-wrap text-slate-800 ring-1 ring-amber-200"
            data-testid="agent-gate-args"
          >
            {prettyJson(gate.tool.args)}
          </pre>
        </div>
      ) : null}
      {b ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="agent-gate-budget">
          <dt className="text-amber-800">Budget</dt>
          <dd className="font-medium">{b.scope === "task" ? "this task's agent calls" : "the stage's: every agent call of this run"}</dd>
          {b.limitUsd !== null ? <Spent label="Cost" spent={formatUsd(b.spentUsd)} limit={formatUsd(b.limitUsd)} /> : null}
          {b.limitTokens !== null ? (
            <Spent label="Tokens" spent={b.spentTokens.toLocaleString("en-US")} limit={`${b.limitTokens.toLocaleString("en-US")} (${formatTokens(b.limitTokens)})`} />
          ) : null}
        </dl>
      ) : null}
    </div>
  );
}

const DONE: Record<Gate["kind"], [string, string]> = {
  tool: ["Tool call approved; the agent goes on.", "Tool call denied; the agent is told why."],
  budget: ["Budget lifted; the agent goes on.", "Denied; the task fails."],
  guardrail: ["Approved; the agent goes on.", "Denied; the task fails."],
};

/**
 * Approve or deny an agent call that waits, with a comment (required to deny: said here at once, and
 * the server checks it too). Mirrors ApprovalForm; used in the run page's task panel and on the item page.
 */
export function AgentDecisionForm({ runId, taskKey, kind }: { runId: string; taskKey: string; kind: Gate["kind"] }) {
  const id = useId();
  const [comment, setComment] = useState("");
  const [denyTried, setDenyTried] = useState(false);
  const { pending, run } = useRunAction();
  const missing = denyTried && comment.trim() === "";
  const decide = async (approve: boolean) => {
    if (!approve) {
      setDenyTried(true);
      if (comment.trim() === "") return;
    }
    const ok = await run(() => decideAgentCallAction({ runId, taskKey, approve, comment }), () => DONE[kind][approve ? 0 : 1]);
    if (ok) {
      setComment("");
      setDenyTried(false);
    }
  };
  return (
    <div className="space-y-2" data-testid="agent-decision-form">
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        Comment <span className="font-normal text-slate-500">(required to deny)</span>
      </label>
      <textarea
        id={id}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${id}-error` : undefined}
        placeholder={kind === "tool" ? "Why you let it call the tool, or why not…" : "Why you decide this way…"}
        className={`${controlClass} mt-0 resize-y`}
        data-testid="agent-decision-comment"
      />
      {missing ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-rose-600">
          {kind === "tool" ? "Say why you deny it: the agent is told your comment." : "Say why you deny it: the task fails with your comment."}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="button" onClick={() => decide(true)} disabled={pending} data-testid="agent-approve">
          {kind === "budget" ? "Approve going over" : "Approve"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => decide(false)} disabled={pending} data-testid="agent-deny" className="text-rose-700">
          Deny
        </Button>
      </div>
    </div>
  );
}

/** The decision box of a waiting agent call: what it asks and, for someone who may decide, the form. */
export function AgentDecisionBox({ runId, wait, showTask = false }: { runId: string; wait: AgentWait; showTask?: boolean }) {
  return (
    <div className="space-y-3 rounded-lg bg-amber-50 px-3 py-3 text-amber-950 ring-1 ring-amber-200 ring-inset" data-testid="agent-decision" data-task={wait.taskKey} data-gate={wait.gate.kind}>
      <p className="text-sm font-semibold">
        {TITLE[wait.gate.kind]}
        {showTask ? <span className="font-normal"> · “{wait.taskName}”, {wait.agentName}</span> : null}
      </p>
      <AgentGateDetails gate={wait.gate} />
      {wait.canDecide ? (
        <AgentDecisionForm key={wait.callId} runId={runId} taskKey={wait.taskKey} kind={wait.gate.kind} />
      ) : (
        <p className="text-xs text-amber-800" data-testid="agent-decision-readonly">
          Someone with write access to this workflow decides (not while the run is paused).
        </p>
      )}
    </div>
  );
}
