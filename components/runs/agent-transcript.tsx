"use client";
import { useState } from "react";
import type { TranscriptEntry } from "@/lib/agents/catalog/schemas";
import { clipText } from "./agent-format";
import { prettyJson } from "./json";

/** Text that starts clipped when it is long, with a button to show all of it (and to fold it again). */
export function LongText({ text, mono = false, lines = 8 }: { text: string; mono?: boolean; lines?: number }) {
  const [open, setOpen] = useState(false);
  const clip = clipText(text, lines);
  const shown = open || !clip.clipped ? text : `${clip.head}…`;
  return (
    <div>
      <div className={`break-words whitespace-pre-wrap ${mono ? "font-mono text-[11.5px] leading-[1.15rem]" : "text-[13px] leading-5"}`}>{shown}</div>
      {clip.clipped ? (
        <button type="button" onClick={() => setOpen((o) => !o)} className="mt-1 text-xs font-medium text-indigo-600 hover:text-indigo-800">
          {open ? "Show less" : `Show all${clip.totalLines > lines ? ` (${clip.totalLines} lines)` : ""}`}
        </button>
      ) : null}
    </div>
  );
}

function JsonBlock({ value }: { value: unknown }) {
  return (
    <div className="mt-1 max-h-72 overflow-auto rounded bg-white/70 px-2 py-1.5 text-slate-800 ring-1 ring-slate-200">
      <LongText text={typeof value === "string" ? value : prettyJson(value)} mono lines={12} />
    </div>
  );
}

function Bubble({ label, tone, children }: { label: React.ReactNode; tone: string; children: React.ReactNode }) {
  return (
    <li className={`rounded-lg px-2.5 py-1.5 ring-1 ring-inset ${tone}`}>
      <div className="mb-0.5 flex items-center gap-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{label}</div>
      {children}
    </li>
  );
}

const code = "rounded bg-white/80 px-1 font-mono text-[12px] normal-case tracking-normal text-slate-800 ring-1 ring-slate-200";

/** One transcript entry in the thread, by its type. */
function Entry({ e, agentName }: { e: TranscriptEntry; agentName: string }) {
  switch (e.type) {
    case "system":
      return (
        <Bubble label="System prompt" tone="bg-slate-50 text-slate-700 ring-slate-200">
          <LongText text={e.text} lines={4} />
        </Bubble>
      );
    case "user":
      return (
        <Bubble label="Task" tone="bg-indigo-50/60 text-slate-800 ring-indigo-100">
          <LongText text={e.text} />
        </Bubble>
      );
    case "assistant":
      return (
        <Bubble label={agentName} tone="bg-white text-slate-900 ring-slate-200">
          <LongText text={e.text} lines={12} />
        </Bubble>
      );
    case "tool_call":
      return (
        <Bubble
          tone="bg-violet-50/70 text-slate-800 ring-violet-200"
          label={
            <>
              Calls <span className={code}>{e.tool}</span>
              {e.requiresApproval ? <span className="rounded-full bg-amber-100 px-1.5 text-[10px] font-semibold tracking-normal text-amber-800 normal-case">needs approval</span> : null}
            </>
          }
        >
          <JsonBlock value={e.args} />
        </Bubble>
      );
    case "tool_result":
      return (
        <Bubble
          tone={e.error ? "bg-rose-50 text-rose-900 ring-rose-200" : "bg-violet-50/30 text-slate-800 ring-violet-100"}
          label={
            <>
              <span className={code}>{e.tool}</span> {e.error ? "failed" : "returned"}
            </>
          }
        >
          {e.error ? <LongText text={e.error} lines={4} /> : <JsonBlock value={e.result} />}
        </Bubble>
      );
    case "decision":
      return (
        <li className={`rounded-lg px-2.5 py-1.5 text-[13px] ring-1 ring-inset ${e.approve ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-rose-50 text-rose-900 ring-rose-200"}`}>
          <span className="font-semibold">{e.approve ? "Approved" : "Denied"}</span> by {e.by}
          <span className="text-slate-500"> · {e.gate === "tool" ? "tool call" : e.gate === "budget" ? "over budget" : "guardrail"}</span>
          {e.comment ? <span className="mt-0.5 block">“{e.comment}”</span> : null}
        </li>
      );
    case "request":
      return (
        <Bubble label={<>POST <span className={code}>{e.url}</span></>} tone="bg-sky-50/60 text-slate-800 ring-sky-100">
          <JsonBlock value={e.body} />
        </Bubble>
      );
    case "response":
      return (
        <Bubble label={<>Answer · HTTP {e.status}</>} tone={e.status >= 400 ? "bg-rose-50 text-rose-900 ring-rose-200" : "bg-sky-50/30 text-slate-800 ring-sky-100"}>
          <JsonBlock value={e.body} />
        </Bubble>
      );
    case "note":
      return <li className="px-1 text-xs text-slate-500 italic">{e.text}</li>;
    default:
      return null;
  }
}

/** An agent call's transcript as a thread: prompts, the agent's answers, tool calls and results, decisions, HTTP exchanges, notes. */
export function AgentTranscript({ entries, agentName }: { entries: TranscriptEntry[]; agentName: string }) {
  if (entries.length === 0) return <p className="text-xs text-slate-400">Nothing was recorded for this call.</p>;
  return (
    <ol className="space-y-1.5" data-testid="agent-transcript">
      {entries.map((e, i) => (
        <Entry key={i} e={e} agentName={agentName} />
      ))}
    </ol>
  );
}
