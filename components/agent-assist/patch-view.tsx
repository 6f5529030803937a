"use client";
import "react-diff-view/style/index.css";
import "./patch-view.css";
import { memo, useMemo, useState } from "react";
import { Decoration, Diff, Hunk, parseDiff } from "react-diff-view";
import { Badge } from "@/components/ui/badge";
import { type PatchSection, filesBeyondPlan, splitPatch } from "@/lib/agents/patch-files";
import type { Plan } from "@/lib/agents/types";
import { tokenizeHunks } from "./highlight";

/** Files with more changed lines than this start collapsed, so one generated file does not bury the rest. */
const OPEN_UP_TO = 300;

const STATUS_LABEL: Record<PatchSection["status"], string | null> = { added: "new", deleted: "deleted", renamed: "renamed", modified: null };

function Counts({ additions, deletions }: { additions: number; deletions: number }) {
  return (
    <span className="shrink-0 font-mono text-xs tabular-nums">
      <span className="text-emerald-700">+{additions}</span> <span className="text-rose-700">−{deletions}</span>
    </span>
  );
}

function Chevron({ open }: { open: boolean }) {
  return (
    <svg viewBox="0 0 20 20" aria-hidden className={`size-4 shrink-0 text-slate-500 transition-transform ${open ? "rotate-90" : ""}`}>
      <path d="M7.5 5l5 5-5 5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** One file's hunks with line numbers and syntax colours; tokenized only once it is shown. */
const FileDiff = memo(function FileDiff({ section }: { section: PatchSection }) {
  const file = useMemo(() => parseDiff(section.text)[0], [section.text]);
  const tokens = useMemo(() => (file ? tokenizeHunks(file.hunks, section.path) : undefined), [file, section.path]);
  if (!file || !file.hunks.length) {
    return <p className="px-4 py-3 text-xs text-slate-500">No line changes (a rename, a mode change or a binary file).</p>;
  }
  return (
    <div className="overflow-x-auto">
      <Diff viewType="unified" diffType={file.type} hunks={file.hunks} tokens={tokens} className="patch-diff">
        {(hunks) =>
          hunks.flatMap((hunk) => [
            <Decoration key={`d-${hunk.content}`}>
              <span className="block bg-sky-50 px-3 py-0.5 font-mono text-xs text-sky-800">{hunk.content}</span>
            </Decoration>,
            <Hunk key={`h-${hunk.content}`} hunk={hunk} />,
          ])
        }
      </Diff>
    </div>
  );
});

function PatchFile({ section, beyondPlan, open, onToggle }: { section: PatchSection; beyondPlan: boolean; open: boolean; onToggle: () => void }) {
  const label = STATUS_LABEL[section.status];
  return (
    <div className="overflow-hidden rounded-lg ring-1 ring-slate-200" data-testid="patch-file" data-path={section.path}>
      <button
        type="button"
        onClick={onToggle}
        aria-expanded={open}
        className="flex w-full items-center gap-2 bg-slate-50 px-3 py-2 text-left hover:bg-slate-100"
      >
        <Chevron open={open} />
        <span className="min-w-0 flex-1 truncate font-mono text-xs text-slate-800" title={section.path}>
          {section.oldPath ? <span className="text-slate-500">{section.oldPath} → </span> : null}
          {section.path}
        </span>
        {label ? <Badge tone={section.status === "deleted" ? "rose" : section.status === "added" ? "emerald" : "sky"}>{label}</Badge> : null}
        {beyondPlan ? (
          <span data-testid="beyond-plan-flag">
            <Badge tone="amber" title="The patch changes this file, but no step of the plan lists it.">
              not in the plan
            </Badge>
          </span>
        ) : null}
        <Counts additions={section.additions} deletions={section.deletions} />
      </button>
      {open ? (
        <div className="border-t border-slate-200 bg-white">
          <FileDiff section={section} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * A unified diff as reviewers read it: per file a header (path, +/− lines, "not in the plan" when no
 * step lists it) that folds the file away, then its hunks with line numbers and syntax colours.
 */
export function PatchView({ patch, plan }: { patch: string; plan: Plan | null }) {
  const sections = useMemo(() => splitPatch(patch), [patch]);
  const beyond = useMemo(() => new Set(filesBeyondPlan(plan, patch)), [plan, patch]);
  const [open, setOpen] = useState(() => new Set(sections.filter((s) => s.additions + s.deletions <= OPEN_UP_TO).map((s) => s.path)));
  if (!sections.length) {
    return (
      <pre className="overflow-x-auto rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-700 ring-1 ring-slate-200" data-testid="patch-view">
        {patch}
      </pre>
    );
  }
  const additions = sections.reduce((n, s) => n + s.additions, 0);
  const deletions = sections.reduce((n, s) => n + s.deletions, 0);
  const toggle = (path: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  const allOpen = open.size === sections.length;
  return (
    <div className="patch-view space-y-2" data-testid="patch-view">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
        <span>
          {sections.length} {sections.length === 1 ? "file" : "files"} changed
        </span>
        <Counts additions={additions} deletions={deletions} />
        {beyond.size ? (
          <span className="text-amber-800">
            {beyond.size} not in the plan
          </span>
        ) : null}
        <button
          type="button"
          className="ml-auto font-medium text-indigo-700 hover:text-indigo-900"
          onClick={() => setOpen(allOpen ? new Set() : new Set(sections.map((s) => s.path)))}
        >
          {allOpen ? "Collapse all" : "Expand all"}
        </button>
      </div>
      {sections.map((s) => (
        <PatchFile key={`${s.oldPath ?? ""}→${s.path}`} section={s} beyondPlan={beyond.has(s.path)} open={open.has(s.path)} onToggle={() => toggle(s.path)} />
      ))}
    </div>
  );
}
