"use client";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { TextArea } from "@/components/ui/textarea";
import { acceptRecommendationAction } from "@/lib/agents/actions";
import type { ReviewRecommendation } from "@/lib/agents/review-queries";
import { type Plan, RISKS, type Risk, planSchema } from "@/lib/agents/types";
import { useReviewAction } from "./use-review-action";

type DraftStep = { key: number; title: string; description: string; risk: Risk; estimate: string; files: string };
type Draft = { summary: string; steps: DraftStep[]; risks: string };

const lines = (text: string) => text.split("\n").map((l) => l.trim()).filter(Boolean);

const toDraftStep = (s: Plan["steps"][number], key: number): DraftStep => ({
  key,
  title: s.title,
  description: s.description,
  risk: s.risk,
  estimate: String(s.estimate_minutes),
  files: s.files.join("\n"),
});

function toPlan(d: Draft): Plan {
  return {
    summary: d.summary,
    steps: d.steps.map((s) => ({
      title: s.title,
      description: s.description,
      risk: s.risk,
      estimate_minutes: /^\d+$/.test(s.estimate.trim()) ? Number(s.estimate) : Number.NaN,
      files: lines(s.files),
    })),
    risks: lines(d.risks),
  };
}

/** Field errors of a plan, keyed like the server's without the `plan.` prefix ("steps.0.title"). */
function checkPlan(plan: Plan): Record<string, string[]> {
  const parsed = planSchema.safeParse(plan);
  const out: Record<string, string[]> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) (out[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return out;
}

const EMPTY: Plan = { summary: "", steps: [{ title: "", description: "", risk: "low", estimate_minutes: 0, files: [] }], risks: [] };

/**
 * The reviewer's edit of a recommendation before accepting it: summary, each step's fields (added,
 * removed), risks, and the patch as text. Checked here with the plan schema, and again by the server.
 */
export function PlanEditor({ rec, onCancel }: { rec: ReviewRecommendation; onCancel: () => void }) {
  const nextKey = useRef(0);
  // After a failed apply the domain keeps the reviewer's edit: start from it, not from the proposal.
  const start = (rec.editDiff ? rec.editedPlan : null) ?? rec.plan ?? EMPTY;
  const [draft, setDraft] = useState<Draft>(() => ({
    summary: start.summary,
    steps: start.steps.map((s) => toDraftStep(s, nextKey.current++)),
    risks: start.risks.join("\n"),
  }));
  const [patch, setPatch] = useState((rec.editDiff ? rec.editedPatch : rec.patch) ?? "");
  const [localErrors, setLocalErrors] = useState<Record<string, string[]>>({});
  const { pending, failure, fieldErrors, run } = useReviewAction();
  const errorAt = (path: string) => {
    const e = localErrors[path] ?? fieldErrors[`plan.${path}`];
    return path.endsWith("estimate_minutes") && e ? "Give the estimate in whole minutes." : e;
  };
  // Risk errors come per line ("risks.2"); the field shows them together.
  const risksError = [...Object.entries(localErrors), ...Object.entries(fieldErrors).map(([k, v]) => [k.replace(/^plan\./, ""), v] as const)]
    .filter(([k]) => k === "risks" || k.startsWith("risks."))
    .flatMap(([, v]) => v);
  const setStep = (key: number, patchStep: Partial<DraftStep>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s) => (s.key === key ? { ...s, ...patchStep } : s)) }));
  const addStep = () => setDraft((d) => ({ ...d, steps: [...d.steps, toDraftStep(EMPTY.steps[0]!, nextKey.current++)] }));
  const removeStep = (key: number) => setDraft((d) => ({ ...d, steps: d.steps.filter((s) => s.key !== key) }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const plan = toPlan(draft);
    const errors = checkPlan(plan);
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    await run(
      () => acceptRecommendationAction({ id: rec.id, plan, ...(rec.patch !== null ? { patch } : {}) }),
      ({ applied }) => {
        if (applied && !applied.ok) toast.error(`The patch did not apply: ${applied.error}. Your edit is kept; open Edit to change it.`);
        else toast.success(applied?.ok ? `Accepted and applied on ${applied.branch}.` : "Edited plan accepted.");
      },
    );
  };

  const stepsError = errorAt("steps");
  return (
    <form onSubmit={submit} className="space-y-4" data-testid="plan-editor" noValidate>
      <TextArea label="Summary" rows={3} value={draft.summary} onChange={(e) => setDraft({ ...draft, summary: e.target.value })} error={errorAt("summary")} />
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">Steps</legend>
        {draft.steps.map((s, i) => (
          <div key={s.key} className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="edit-step">
            <div className="flex items-start gap-3">
              <span className="mt-7 text-xs font-semibold text-slate-400 tabular-nums">{i + 1}.</span>
              <div className="min-w-0 flex-1">
                <TextField label="Title" value={s.title} onChange={(e) => setStep(s.key, { title: e.target.value })} error={errorAt(`steps.${i}.title`)} />
              </div>
              <div className="w-32">
                <Select label="Risk" value={s.risk} onChange={(e) => setStep(s.key, { risk: e.target.value as Risk })}>
                  {RISKS.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="w-28">
                <TextField
                  label="Minutes"
                  inputMode="numeric"
                  value={s.estimate}
                  onChange={(e) => setStep(s.key, { estimate: e.target.value })}
                  error={errorAt(`steps.${i}.estimate_minutes`)}
                />
              </div>
            </div>
            <TextArea label="Description" rows={2} value={s.description} onChange={(e) => setStep(s.key, { description: e.target.value })} error={errorAt(`steps.${i}.description`)} />
            <TextArea label="Files" hint="One path per line." rows={2} mono value={s.files} onChange={(e) => setStep(s.key, { files: e.target.value })} error={errorAt(`steps.${i}.files`)} />
            <div className="flex justify-end">
              <Button type="button" variant="ghost" className="text-rose-700" onClick={() => removeStep(s.key)} disabled={draft.steps.length === 1}>
                Remove step
              </Button>
            </div>
          </div>
        ))}
        {stepsError ? <p className="text-xs font-medium text-rose-600">{stepsError}</p> : null}
        <Button type="button" variant="secondary" onClick={addStep} data-testid="add-step">
          Add a step
        </Button>
      </fieldset>
      <TextArea label="Risks" hint="One per line." rows={3} value={draft.risks} onChange={(e) => setDraft({ ...draft, risks: e.target.value })} error={risksError.length ? risksError : undefined} />
      {rec.patch !== null ? (
        <TextArea label="Patch" hint="A unified diff; applied as written." rows={14} mono wrap="off" spellCheck={false} value={patch} onChange={(e) => setPatch(e.target.value)} error={fieldErrors.patch} />
      ) : null}
      {failure && !failure.fieldErrors ? <FormError message={failure.message} /> : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" disabled={pending} data-testid="accept-edited">
          {pending ? "Accepting…" : "Accept edited"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        {rec.patch !== null && rec.canApply ? <span className="text-xs text-slate-500">The edited patch is applied when you accept.</span> : null}
      </div>
    </form>
  );
}
