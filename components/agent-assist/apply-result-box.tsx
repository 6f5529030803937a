import type { ApplyResult } from "@/lib/agents/review-queries";

const shortSha = (sha: string) => sha.slice(0, 7);

/**
 * What applying a patch did: the branch and commit it made and the files it changed, or why it failed.
 * `auto` for the stage's auto-apply, which ran before anyone reviewed.
 */
export function ApplyResultBox({ result, auto = false, failedTitle }: { result: ApplyResult; auto?: boolean; failedTitle?: string }) {
  if (!result.ok) {
    return (
      <div
        role="alert"
        className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900 ring-1 ring-rose-200 ring-inset"
        data-testid="apply-result"
        data-ok="false"
        data-auto={auto || undefined}
      >
        <p className="font-medium">{failedTitle ?? (auto ? "Auto-apply failed." : "The patch did not apply.")}</p>
        <p className="mt-0.5 font-mono text-xs break-words whitespace-pre-wrap">{result.error}</p>
      </div>
    );
  }
  return (
    <div className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-950 ring-1 ring-emerald-200 ring-inset" data-testid="apply-result" data-ok="true" data-auto={auto || undefined}>
      <p>
        {auto ? "Auto-applied" : "Applied"} on branch <code className="rounded bg-white/70 px-1 font-mono text-xs">{result.branch}</code> as commit{" "}
        <code className="rounded bg-white/70 px-1 font-mono text-xs" title={result.commit}>
          {shortSha(result.commit)}
        </code>
        .
      </p>
      {result.files.length ? (
        <ul className="mt-1 flex flex-wrap gap-1.5" aria-label="Files changed">
          {result.files.map((f) => (
            <li key={f} className="rounded bg-white/70 px-1.5 py-0.5 font-mono text-[11px] text-emerald-900">
              {f}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
