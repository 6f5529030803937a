import { estimateTokens, planSchema, type AgentEngine, type ContextBundle, type EngineResult, type Plan, type PlanRequest } from "../types";
import { fileKind } from "./builtin-files";
import { listNames, planFromDiff } from "./builtin-from-diff";
import { planFromGoal } from "./builtin-from-goal";
import { mechanicalEdit, parseMechanicalRequest, type MechanicalEdit } from "./builtin-patch";

/**
 * The offline, deterministic engine (the default): plans from the bundle's diff and tree, and patches
 * only the mechanical requests it can do exactly (renames and literal replacements).
 */

export const BUILTIN_NOTE = "The builtin engine does not write code: it plans from the diff and the tree. It makes patches only for renames and literal replacements.";

/** Everything of the bundle the engine reads, so usage counts what a model would have been sent. */
function bundleText(req: PlanRequest): string {
  const b = req.bundle;
  return [req.goal, b.tree.map((t) => t.path).join("\n"), b.diff?.text ?? "", ...b.files.map((f) => f.content), ...b.messages.map((m) => m.content)].join("\n");
}

function planForEdit(goal: string, bundle: ContextBundle, edit: MechanicalEdit): Plan {
  const { request, changed, skipped } = edit;
  const places = changed.reduce((n, c) => n + c.count, 0);
  const paths = changed.map((c) => c.path);
  const what = request.kind === "rename" ? `Rename ${request.from} to ${request.to}` : `Replace "${request.from}" with "${request.to}"`;
  const risky = paths.some((p) => ["schema", "migration", "auth"].includes(fileKind(p)));
  const risks: string[] = [];
  if (request.kind === "rename") {
    risks.push(`The rename is textual: strings and comments that contain ${request.from} as a word change too; read the patch.`);
    if (bundle.tree.length > bundle.files.length) risks.push(`Only the ${bundle.files.length} files in the context were searched; other files of the repository may still use ${request.from}.`);
  }
  for (const p of skipped) risks.push(`${p} contains it but only part of it was read: it is not patched.`);
  const dirty = bundle.diff?.files.length ?? 0;
  if (dirty) risks.push(`${dirty === 1 ? "1 file already has" : `${dirty} files already have`} uncommitted changes: the patch is made against them as they are now.`);
  return {
    summary: `${what} in ${places} place${places === 1 ? "" : "s"} across ${paths.length} file${paths.length === 1 ? "" : "s"} (patch attached).`,
    steps: [
      {
        title: `${what} in ${listNames(paths.map((p) => p.slice(p.lastIndexOf("/") + 1)))}`.slice(0, 200),
        description: changed.map((c) => `- ${c.path}: ${c.count} place${c.count === 1 ? "" : "s"}`).join("\n").slice(0, 4000),
        risk: risky ? "medium" : "low",
        // A mechanical patch is read, not written: about a minute per five changed places, at least 5.
        estimate_minutes: Math.max(5, Math.ceil(places / 5)),
        files: paths.slice(0, 200),
      },
      {
        title: "Run the typecheck and the tests",
        description: "A rename that missed a use, or a replacement that matched too much, shows here.",
        risk: "low",
        estimate_minutes: 10,
        files: [],
      },
    ],
    risks: risks.slice(0, 50).map((r) => r.slice(0, 1000)),
  };
}

function plan(req: PlanRequest): { plan: Plan; patch: string | null; notes: string[] } {
  const notes = [BUILTIN_NOTE];
  const request = parseMechanicalRequest(req.goal);
  if (request) {
    const edit = mechanicalEdit(request, req.bundle);
    if (edit.skipped.length) notes.push(`Not patched because the context holds only part of them: ${edit.skipped.join(", ")}.`);
    if (edit.patch) return { plan: planForEdit(req.goal, req.bundle, edit), patch: edit.patch, notes };
    const where = request.kind === "rename" ? "the files in the context" : `the files of ${req.bundle.focus} in the context`;
    notes.push(
      edit.skipped.length
        ? `Nothing to patch: "${request.from}" appears only in files the context holds in part.`
        : `Nothing to patch: "${request.from}" does not appear in ${where}.`,
    );
  }
  const fromDiff = req.bundle.diff !== null && req.bundle.diff.files.length > 0;
  const draft = fromDiff ? planFromDiff(req.goal, req.intent, req.bundle) : planFromGoal(req.goal, req.intent, req.bundle);
  return { plan: draft, patch: null, notes };
}

/** The builtin engine: offline, deterministic; plans from the diff and tree, patches renames and replacements. */
export const builtinEngine: AgentEngine = {
  name: "builtin",
  async plan(req: PlanRequest): Promise<EngineResult> {
    req.signal?.throwIfAborted();
    const started = performance.now();
    const result = plan(req);
    // The schema fills defaults and enforces the limits every engine's plan must meet.
    const validPlan = planSchema.parse(result.plan);
    return {
      engine: "builtin",
      model: null,
      plan: validPlan,
      patch: result.patch,
      usage: { inputTokens: estimateTokens(bundleText(req)), outputTokens: estimateTokens(JSON.stringify(validPlan) + (result.patch ?? "")) },
      latencyMs: Math.round(performance.now() - started),
      notes: result.notes,
    };
  },
};
