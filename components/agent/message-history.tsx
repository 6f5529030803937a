import { Badge } from "@/components/ui/badge";
import type { SessionMessage } from "@/lib/agents/session-views";
import { formatDateTime } from "@/lib/format";

const timeOf = (at: string) => `${new Date(at).toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })} UTC`;

/** What was said in the session, oldest first: each request and the agent's answer, by verb. */
export function MessageHistory({ messages }: { messages: SessionMessage[] }) {
  return (
    <section className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby="history-heading">
      <h3 id="history-heading" className="text-sm font-semibold text-slate-800">
        History
      </h3>
      {messages.length ? (
        <ol className="space-y-2" data-testid="message-history">
          {messages.map((m, i) => (
            <li key={i} className={`flex gap-3 text-sm ${m.role === "agent" ? "pl-6" : ""}`} data-testid="session-message" data-role={m.role}>
              <span className="w-14 shrink-0 pt-0.5 text-xs font-medium text-slate-500">{m.role === "user" ? "You" : "Agent"}</span>
              <span className="shrink-0">
                <Badge tone={m.role === "user" ? "slate" : "indigo"}>{m.verb}</Badge>
              </span>
              <span className="min-w-0 flex-1 break-words whitespace-pre-wrap text-slate-800">{m.content}</span>
              <time className="shrink-0 pt-0.5 text-[11px] text-slate-400 tabular-nums" dateTime={m.at} title={formatDateTime(new Date(m.at))}>
                {timeOf(m.at)}
              </time>
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-500">Nothing yet. Route, read the context or ask for a plan above.</p>
      )}
    </section>
  );
}
