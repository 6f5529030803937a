import type { Tone } from "@/components/ui/badge";
import type { GuardrailResult } from "@/lib/agents/catalog/schemas";

/** Pure helpers for showing agent calls: money, tokens, handoff order, long text, guardrail verdicts. */

/**
 * An estimated cost in US dollars for people: up to four decimals under a dollar (“$0.0042”, “$0.0145”,
 * “$0.25”), cents above (“$1,204.50”). Rounding to cents under a dollar would make $0.0145 spent of a
 * $0.01 budget read “$0.01 of $0.01”. A cost too small for four decimals says so instead of “$0.0000”.
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd) || usd <= 0) return "$0";
  if (usd < 0.00005) return "< $0.0001";
  if (usd < 1) return `$${usd.toFixed(4).replace(/0{1,2}$/, "")}`;
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A token count, short: 950, 12.3k, 1.2M (exact counts go in a title). */
export function formatTokens(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "0";
  if (n < 1_000) return String(Math.round(n));
  if (n < 1_000_000) return `${Number((n / 1_000).toFixed(n < 10_000 ? 1 : 0))}k`;
  return `${Number((n / 1_000_000).toFixed(1))}M`;
}

const ARROW = " → ";

type Arrangeable = { id: number; taskKey: string; iteration: number; roleId: string | null };

/** A call in the order the panel shows it: a handoff right under the call that handed over. */
export type Arranged<C> = { call: C; depth: 0 | 1; handoffFrom: string | null };

/**
 * Orders calls so each handoff (roleId “reviewer → Writer”) follows the call that made it. A handoff's
 * row is written when the handoff ends, usually before its parent's (written when the parent ends), so
 * its parent is the first call of the same role, task and iteration after it; a parent that paused
 * earlier already has its row, so failing that, the last one before it. A handoff whose parent is not
 * among the calls stays where it is.
 */
export function arrangeCalls<C extends Arrangeable>(calls: readonly C[]): Arranged<C>[] {
  const sorted = [...calls].sort((a, b) => a.id - b.id);
  const parentOf = new Map<number, number>();
  for (const c of sorted) {
    const at = c.roleId?.lastIndexOf(ARROW) ?? -1;
    if (at < 0) continue;
    const role = c.roleId!.slice(0, at);
    const peers = sorted.filter((p) => p.taskKey === c.taskKey && p.iteration === c.iteration && p.roleId === role);
    const parent = peers.find((p) => p.id > c.id) ?? peers.filter((p) => p.id < c.id).at(-1);
    if (parent) parentOf.set(c.id, parent.id);
  }
  const out: Arranged<C>[] = [];
  for (const c of sorted) {
    const from = c.roleId && c.roleId.lastIndexOf(ARROW) >= 0 ? c.roleId.slice(0, c.roleId.lastIndexOf(ARROW)) : null;
    if (parentOf.has(c.id)) continue;
    out.push({ call: c, depth: 0, handoffFrom: from });
    for (const child of sorted) if (parentOf.get(child.id) === c.id) out.push({ call: child, depth: 1, handoffFrom: c.roleId });
  }
  return out;
}

/** Text cut to what a panel shows at first: at most `lines` lines and `chars` characters. */
export function clipText(text: string, lines = 8, chars = 600): { head: string; clipped: boolean; totalLines: number } {
  const all = text.split("\n");
  let head = all.slice(0, lines).join("\n");
  if (head.length > chars) head = `${head.slice(0, chars).replace(/\s+\S*$/, "")}`;
  return { head, clipped: head.length < text.length, totalLines: all.length };
}

const VERDICT_RANK = { block: 0, flag: 1, pass: 2 } as const;
const VERDICT_TONE: Record<GuardrailResult["verdict"], Tone> = { pass: "slate", flag: "amber", block: "rose" };

/** A guardrail check's kind in words: “path allowlist”, “secrets”. */
export const guardrailLabel = (kind: string) => kind.replace(/_/g, " ");

/**
 * Guardrail results as chips, the worst first (block, flag, pass), each with its tone; and the ones a
 * reviewer must see without asking: every flag and block.
 */
export function guardrailView(results: readonly GuardrailResult[]) {
  const chips = [...results]
    .sort((a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict])
    .map((r) => ({ ...r, tone: VERDICT_TONE[r.verdict], label: `${guardrailLabel(r.kind)} · ${r.phase}` }));
  return { chips, notable: chips.filter((c) => c.verdict !== "pass"), passed: chips.filter((c) => c.verdict === "pass").length };
}

export type CallLook = { label: string; tone: Tone };

/** An agent call's status as a badge; a waiting call someone already decided is on its way again. */
export function callLook(status: string, decided: boolean): CallLook {
  switch (status) {
    case "ok":
      return { label: "Done", tone: "emerald" };
    case "failed":
      return { label: "Failed", tone: "rose" };
    case "blocked":
      return { label: "Blocked by a guardrail", tone: "rose" };
    case "denied":
      return { label: "Denied", tone: "rose" };
    case "waiting":
      return decided ? { label: "Decided, resuming", tone: "sky" } : { label: "Waits for approval", tone: "amber" };
    default:
      return { label: status, tone: "slate" };
  }
}
