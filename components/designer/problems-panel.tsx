"use client";
import { useState } from "react";
import { edgeKey } from "@/lib/engine/graph-schema";
import type { DefinitionIssue } from "@/lib/workflows/definition";
import { AlertIcon, ChevronIcon } from "./icons";
import { useIssues } from "./issues-context";
import { useDesigner, useDesignerStore } from "./store/store";

/** Where an issue is, in words: “Build › compile”. */
function placeOf(issue: DefinitionIssue, stageName: (id: string) => string | undefined): string {
  const stage = issue.stageId ? stageName(issue.stageId) : undefined;
  const parts = [stage === undefined ? null : stage || "Unnamed stage", issue.taskId ?? (issue.edge ? `${issue.edge.from} → ${issue.edge.to}` : null)];
  return parts.filter(Boolean).join(" › ") || "Workflow";
}

/** Every problem, live; clicking one selects what it is about (opening its stage's tasks when needed). */
export function ProblemsPanel() {
  const store = useDesignerStore();
  const { all } = useIssues();
  const stages = useDesigner((s) => s.definition.stages);
  const [open, setOpen] = useState(true);
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name;

  const go = (issue: DefinitionIssue) => {
    const s = store.getState();
    const stage = stages.find((x) => x.id === issue.stageId);
    // Workflow settings show in the inspector when nothing is selected on the stage canvas.
    if (issue.path.startsWith("settings.")) return s.openStage(null);
    if (!issue.stageId || !stage) return;
    // A human stage's leftover tasks are fixed from the stage itself (its tasks cannot be opened).
    if (stage.type === "HUMAN") return s.openStage(null, { stages: [stage.id] });
    if (issue.taskId !== undefined) s.openStage(issue.stageId, { tasks: [issue.taskId] });
    else if (issue.edge) s.openStage(issue.stageId, { edges: [edgeKey(issue.edge)] });
    else if (issue.field === "taskGraph" || issue.path.includes(".taskGraph")) s.openStage(issue.stageId);
    else s.openStage(null, { stages: [issue.stageId] });
  };

  return (
    <section data-testid="problems" aria-label="Problems" className="shrink-0 rounded-lg bg-white ring-1 ring-slate-200">
      <h2>
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          className="flex w-full items-center gap-2 px-3 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600"
        >
          <ChevronIcon className={`size-3.5 transition-transform ${open ? "rotate-90" : ""}`} />
          Problems
          <span className={`rounded-full px-1.5 py-0.5 text-[11px] normal-case ${all.length ? "bg-rose-600 text-white" : "bg-emerald-100 text-emerald-800"}`}>
            {all.length ? all.length : "none"}
          </span>
        </button>
      </h2>
      {open && all.length > 0 ? (
        <ul className="max-h-36 overflow-y-auto border-t border-slate-100 py-1">
          {all.map((issue, i) => (
            <li key={`${issue.path}:${i}`} data-testid="problem">
              <button type="button" onClick={() => go(issue)} className="flex w-full items-start gap-2 px-3 py-1 text-left text-sm hover:bg-rose-50">
                <AlertIcon className="mt-0.5 size-3.5 shrink-0 text-rose-600" />
                <span className="shrink-0 font-medium text-slate-700">{placeOf(issue, stageName)}</span>
                <span className="text-slate-600">{issue.message}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
