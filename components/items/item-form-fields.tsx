import { Select } from "@/components/ui/select";
import { TextArea } from "@/components/ui/textarea";
import { TextField } from "@/components/ui/text-field";
import type { Priority } from "@/lib/work-items/schemas";
import { PRIORITY_OPTIONS } from "./priority";

export type ItemFormValues = {
  title: string;
  description: string;
  /** JSON text, as typed. */
  data: string;
  stageId?: string;
  assigneeId: string | null;
  priority: Priority;
};

type Option = { id: string; name: string };

const FIELDS = new Set(["title", "description", "data", "stageId", "assigneeId", "priority"]);

/** The form-level message: the server's own, unless the fields already say what is wrong beside them. */
export function formMessage(failure: { message: string; fieldErrors?: Record<string, string[]> }): string {
  const marked = Object.keys(failure.fieldErrors ?? {}).filter((k) => FIELDS.has(k)).length;
  if (marked === 0) return failure.message;
  return marked === 1 ? "Fix the marked field and try again." : "Fix the marked fields and try again.";
}

/**
 * The fields of an item, shared by the create and edit forms. Uncontrolled: the browser keeps what
 * was typed while the server decides. `stages` only when creating (moving is the stage picker's job).
 */
export function ItemFormFields({
  defaults,
  errors = {},
  assignees,
  stages,
}: {
  defaults: ItemFormValues;
  errors?: Record<string, string[]>;
  assignees: Option[];
  stages?: (Option & { wipLimit: number | null })[];
}) {
  return (
    <div className="space-y-5">
      <TextField label="Title" name="title" required maxLength={200} defaultValue={defaults.title} error={errors.title} autoComplete="off" />
      <TextArea label="Description" name="description" rows={5} defaultValue={defaults.description} error={errors.description} />
      <TextArea
        label="Data"
        name="data"
        rows={6}
        mono
        spellCheck={false}
        defaultValue={defaults.data}
        error={errors.data}
        hint={
          <>
            A JSON object that runs and agents can read, like <code className="font-mono">{'{"ref": "ABC-1"}'}</code>.
          </>
        }
      />
      <div className={`grid gap-4 ${stages ? "sm:grid-cols-3" : "sm:grid-cols-2"}`}>
        {stages ? (
          <Select label="Stage" name="stageId" defaultValue={defaults.stageId ?? stages[0]?.id} error={errors.stageId}>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
                {s.wipLimit !== null ? ` (WIP limit ${s.wipLimit})` : ""}
              </option>
            ))}
          </Select>
        ) : null}
        <Select label="Assignee" name="assigneeId" defaultValue={defaults.assigneeId ?? ""} error={errors.assigneeId}>
          <option value="">Unassigned</option>
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        <Select label="Priority" name="priority" defaultValue={defaults.priority} error={errors.priority}>
          {PRIORITY_OPTIONS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      </div>
    </div>
  );
}
