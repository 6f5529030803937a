import type { Plan } from "./types";

/** How a reviewer's edit differs from what the agent proposed: kept with the decision, fed to learning. */
export type EditDiff = {
  plan: string[];
  patch: { changed: boolean; linesAdded: number; linesRemoved: number } | null;
};

const stepLine = (s: Plan["steps"][number]) => `${s.title} (${s.risk}, ${s.estimate_minutes} min)`;

/** The differences between two plans, as sentences a person can read ("Step added: …"). */
export function planChanges(before: Plan, after: Plan): string[] {
  const out: string[] = [];
  if (before.summary.trim() !== after.summary.trim()) out.push("Summary changed.");
  const beforeTitles = new Map(before.steps.map((s) => [s.title, s]));
  const afterTitles = new Map(after.steps.map((s) => [s.title, s]));
  for (const s of before.steps) if (!afterTitles.has(s.title)) out.push(`Step removed: ${stepLine(s)}.`);
  for (const s of after.steps) {
    const was = beforeTitles.get(s.title);
    if (!was) {
      out.push(`Step added: ${stepLine(s)}.`);
      continue;
    }
    const fields: string[] = [];
    if (was.description !== s.description) fields.push("description");
    if (was.risk !== s.risk) fields.push(`risk ${was.risk} → ${s.risk}`);
    if (was.estimate_minutes !== s.estimate_minutes) fields.push(`estimate ${was.estimate_minutes} → ${s.estimate_minutes} min`);
    if (was.files.join("\n") !== s.files.join("\n")) fields.push("files");
    if (fields.length) out.push(`Step “${s.title}” changed: ${fields.join(", ")}.`);
  }
  const order = (p: Plan) => p.steps.map((s) => s.title).filter((t) => beforeTitles.has(t) && afterTitles.has(t));
  if (order(before).join("\n") !== order(after).join("\n")) out.push("Steps reordered.");
  for (const r of before.risks) if (!after.risks.includes(r)) out.push(`Risk removed: ${r}`);
  for (const r of after.risks) if (!before.risks.includes(r)) out.push(`Risk added: ${r}`);
  return out;
}

/** Lines added and removed between two patch texts (as multisets of lines: moves within the text cancel out). */
export function patchChange(before: string | null, after: string | null): EditDiff["patch"] {
  if ((before ?? "") === (after ?? "")) return before || after ? { changed: false, linesAdded: 0, linesRemoved: 0 } : null;
  const count = (text: string | null) => {
    const m = new Map<string, number>();
    for (const line of (text ?? "").split("\n")) m.set(line, (m.get(line) ?? 0) + 1);
    return m;
  };
  const a = count(before);
  const b = count(after);
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const [line, n] of b) linesAdded += Math.max(0, n - (a.get(line) ?? 0));
  for (const [line, n] of a) linesRemoved += Math.max(0, n - (b.get(line) ?? 0));
  return { changed: true, linesAdded, linesRemoved };
}

/** The whole edit: null when the reviewer changed nothing. */
export function editDiff(before: { plan: Plan; patch: string | null }, after: { plan: Plan; patch: string | null }): EditDiff | null {
  const plan = planChanges(before.plan, after.plan);
  const patch = patchChange(before.patch, after.patch);
  return plan.length || patch?.changed ? { plan, patch } : null;
}
