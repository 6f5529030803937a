import type { Change, DefinitionDiff, TaskDiff } from "@/lib/workflows/diff";

function ChangeList({ changes }: { changes: Change[] }) {
  return (
    <ul className="space-y-1">
      {changes.map((c) => (
        <li key={c.field} className="text-sm">
          <span className="font-medium text-slate-700">{c.label}:</span>{" "}
          <del className="rounded bg-rose-50 px-1 text-rose-700 decoration-rose-300">{c.before || "—"}</del>{" "}
          <span aria-hidden>→</span> <ins className="rounded bg-emerald-50 px-1 text-emerald-800 no-underline">{c.after || "—"}</ins>
        </li>
      ))}
    </ul>
  );
}

function Line({ sign, children }: { sign: "+" | "−" | "~"; children: React.ReactNode }) {
  const tone = sign === "+" ? "text-emerald-700" : sign === "−" ? "text-rose-700" : "text-amber-700";
  return (
    <li className="flex gap-2 text-sm">
      <span className={`w-3 font-mono font-semibold ${tone}`} aria-hidden>
        {sign}
      </span>
      <div className="min-w-0 flex-1">{children}</div>
    </li>
  );
}

function TaskChanges({ tasks }: { tasks: TaskDiff }) {
  return (
    <ul className="mt-2 space-y-1.5 border-l-2 border-slate-100 pl-3">
      {tasks.added.map((t) => (
        <Line key={`a-${t.id}`} sign="+">
          Task <strong>{t.name}</strong> added
        </Line>
      ))}
      {tasks.removed.map((t) => (
        <Line key={`r-${t.id}`} sign="−">
          Task <strong>{t.name}</strong> removed
        </Line>
      ))}
      {tasks.changed.map((t) => (
        <Line key={`c-${t.id}`} sign="~">
          Task <strong>{t.name}</strong> changed
          <ChangeList changes={t.changes} />
        </Line>
      ))}
      {tasks.edgesAdded.map((e) => (
        <Line key={`ea-${e.from}-${e.to}`} sign="+">
          Connection {e.label} added{e.condition !== "always" ? ` (when ${e.condition})` : ""}
        </Line>
      ))}
      {tasks.edgesRemoved.map((e) => (
        <Line key={`er-${e.from}-${e.to}`} sign="−">
          Connection {e.label} removed
        </Line>
      ))}
      {tasks.edgesChanged.map((e) => (
        <Line key={`ec-${e.from}-${e.to}`} sign="~">
          Connection {e.label} changed
          <ChangeList changes={e.changes} />
        </Line>
      ))}
    </ul>
  );
}

/** A readable diff of two definition versions: workflow settings, and stages and tasks added, removed, moved and changed. */
export function DefinitionDiffView({ diff }: { diff: DefinitionDiff }) {
  if (diff.empty) return <p className="text-sm text-slate-500">These two versions define the same workflow.</p>;
  const { stages } = diff;
  return (
    <ul className="space-y-3" data-testid="definition-diff">
      {diff.settings.length ? (
        <Line sign="~">
          Workflow settings changed
          <ChangeList changes={diff.settings} />
        </Line>
      ) : null}
      {stages.added.map((s) => (
        <Line key={`a-${s.id}`} sign="+">
          Stage <strong>{s.name}</strong> added
        </Line>
      ))}
      {stages.removed.map((s) => (
        <Line key={`r-${s.id}`} sign="−">
          Stage <strong>{s.name}</strong> removed
        </Line>
      ))}
      {stages.moved.map((s) => (
        <Line key={`m-${s.id}`} sign="~">
          Stage <strong>{s.name}</strong> moved from position {s.from} to {s.to}
        </Line>
      ))}
      {stages.changed.map((s) => (
        <Line key={`c-${s.id}`} sign="~">
          Stage <strong>{s.name}</strong> changed
          {s.changes.length ? <ChangeList changes={s.changes} /> : null}
          <TaskChanges tasks={s.tasks} />
        </Line>
      ))}
    </ul>
  );
}
