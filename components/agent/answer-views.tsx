import { ApplyResultBox } from "@/components/agent-assist/apply-result-box";
import { Badge } from "@/components/ui/badge";
import type { RouteAnswer } from "@/lib/agents/run-plan";
import type { ApplyAnswerView, ContextSummary } from "@/lib/agents/session-views";

const number = new Intl.NumberFormat("en-US");

/** A titled box for one answer of the console. */
export function AnswerCard({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid={testId} aria-label={title}>
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {children}
    </section>
  );
}

/** Label and value pairs in one line each. */
function Facts({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="min-w-0 text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Route: the intent (with how sure), the engine and model chosen, and why. */
export function RouteAnswerView({ answer }: { answer: RouteAnswer }) {
  return (
    <AnswerCard title="Route" testId="route-answer">
      <Facts
        rows={[
          [
            "Intent",
            <span key="i" className="inline-flex items-center gap-2">
              <Badge tone="indigo">{answer.intent}</Badge>
              <span className="text-xs text-slate-500">{Math.round(answer.confidence * 100)}% sure</span>
            </span>,
          ],
          ["Engine", <span key="e" className="font-mono text-[13px]">{answer.model ? `${answer.engine} · ${answer.model}` : answer.engine}</span>],
          ["Reason", answer.reason],
          ...(answer.signals.length ? ([["Signals", answer.signals.join(", ")]] as [string, React.ReactNode][]) : []),
        ]}
      />
    </AnswerCard>
  );
}

/** Context: which files went in and what they cost, the uncommitted changes, the tree's size and the budget. */
export function ContextAnswerView({ answer }: { answer: ContextSummary }) {
  const share = answer.budget.tokens ? Math.min(100, Math.round((answer.budget.used / answer.budget.tokens) * 100)) : 0;
  const diffFiles = answer.diff?.files ?? [];
  return (
    <AnswerCard title="Context" testId="context-answer">
      <Facts
        rows={[
          [
            "Repository",
            <span key="r" className="font-mono text-[13px]">
              {answer.repo}
              {answer.focus !== "." ? `/${answer.focus}` : ""} {answer.branch ? `on ${answer.branch}` : ""}
              {answer.head ? ` @ ${answer.head.slice(0, 7)}` : ""}
            </span>,
          ],
          ["Tree", `${number.format(answer.treeTotal)} files`],
          [
            "Budget",
            <span key="b" className="flex items-center gap-2" data-testid="context-budget">
              <span className="h-1.5 w-32 overflow-hidden rounded-full bg-slate-100" aria-hidden>
                <span className="block h-full bg-indigo-500" style={{ width: `${share}%` }} />
              </span>
              {number.format(answer.budget.used)} of {number.format(answer.budget.tokens)} tokens
            </span>,
          ],
        ]}
      />
      <div>
        <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Files ({answer.files.length})</h4>
        {answer.files.length ? (
          <ul className="mt-1 divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200">
            {answer.files.map((f) => (
              <li key={f.path} className="flex items-center gap-3 px-3 py-1.5 text-sm" data-testid="context-file">
                <span className="min-w-0 flex-1 truncate font-mono text-[13px]">{f.path}</span>
                <Badge tone={f.reason === "changed" ? "amber" : f.reason === "requested" ? "sky" : "slate"}>{f.reason}</Badge>
                {f.truncated ? <Badge tone="rose">cut</Badge> : null}
                <span className="w-24 text-right text-xs text-slate-500 tabular-nums">{number.format(f.tokens)} tokens</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-500">No files fit the budget.</p>
        )}
      </div>
      <div>
        <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Uncommitted changes {answer.diff ? `against ${answer.diff.base.slice(0, 7)}` : ""}
        </h4>
        {diffFiles.length ? (
          <ul className="mt-1 space-y-0.5 text-sm" data-testid="context-diff">
            {diffFiles.map((f) => (
              <li key={f.path} className="flex items-center gap-3">
                <span className="min-w-0 flex-1 truncate font-mono text-[13px]">{f.oldPath ? `${f.oldPath} → ${f.path}` : f.path}</span>
                <span className="text-xs text-slate-500">{f.status}</span>
                <span className="w-20 text-right font-mono text-xs tabular-nums">
                  <span className="text-emerald-700">+{f.additions}</span> <span className="text-rose-700">−{f.deletions}</span>
                </span>
              </li>
            ))}
            {answer.diff?.truncated ? <li className="text-xs text-slate-500">The diff was cut to fit the budget.</li> : null}
          </ul>
        ) : (
          <p className="mt-1 text-sm text-slate-500">None: the working tree is clean.</p>
        )}
      </div>
    </AnswerCard>
  );
}

/** Apply: the branch and commit made and the files changed. */
export function ApplyAnswerView({ answer }: { answer: ApplyAnswerView }) {
  return (
    <AnswerCard title="Apply" testId="apply-answer">
      <ApplyResultBox result={{ ok: true, branch: answer.branch, commit: answer.commit, files: answer.files }} />
      <p className="text-xs text-slate-500">
        The branch starts from <code className="font-mono">{answer.base.slice(0, 7)}</code> and is checked out in{" "}
        <code className="font-mono">{answer.repo}</code>; the original branch is untouched.
      </p>
    </AnswerCard>
  );
}
