import type { Task } from "./graph-schema";

/**
 * A problem in a task graph, placed on the task (`taskId` + `field`) or the connection (`edge` + `field`)
 * it belongs to. `field` is a dotted path inside that task or edge, e.g. `executor.url`, `input.diff`,
 * `condition.left`.
 */
export type GraphIssue = { message: string; taskId?: string; edge?: { from: string; to: string }; field?: string };

/** A task as users know it: its name in quotes, or its id while it has none. */
export function label(task: Pick<Task, "id" | "name"> | undefined, id?: string): string {
  return `“${task?.name.trim() || task?.id || id || "?"}”`;
}

/** Tasks of a cycle as a path, e.g. “Review” → “Fix” (a task connected to itself reads “A” → “A”). */
export function cyclePath(names: readonly string[]): string {
  return names.length === 1 ? `${names[0]} → ${names[0]}` : names.join(" → ");
}

const REFERENCE_SCOPES = "previous_output, tasks.<id>.output, item.data or run.input";

/**
 * Every message the graph validation produces, one entry per rule, so the wording lives in one place.
 * Arguments are already-quoted labels (`label(task)`) unless named `id`, `raw` or `field`.
 */
export const MSG = {
  // Structure
  duplicateId: (id: string) => `Two tasks use the id “${id}”; give each task its own id.`,
  unknownSource: (id: string, to: string) => `A connection into ${to} starts at task “${id}”, which does not exist; remove it.`,
  unknownTarget: (from: string, id: string) => `A connection from ${from} leads to task “${id}”, which does not exist; remove it.`,
  selfLoop: (t: string) => `${t} is connected to itself, so it would wait on itself forever; remove that connection.`,
  duplicateEdge: (from: string, to: string) => `${from} is connected to ${to} more than once; remove the extra connection.`,
  cycle: (path: string) => `These tasks form a cycle: ${path}. Remove one of the connections.`,
  blockedByCycle: (t: string, path: string) => `${t} can never start: it waits on the cycle ${path}.`,
  isolated: (t: string) => `${t} is not connected to the other tasks; connect it or remove it.`,

  // Required fields
  nameRequired: (t: string) => `Task ${t} needs a name.`,
  roleRequired: (t: string) => `${t} is an agent task; choose the role that does the work.`,
  approvalsMin: (t: string) => `${t} needs at least one approval.`,
  urlRequired: (t: string) => `${t} needs the URL to call.`,
  urlScheme: (t: string) =>
    `The URL of ${t} must start with http:// or https:// and a host name; references may only follow the host.`,
  headerName: (t: string) => `${t} has a header without a name; name it or remove it.`,
  delayPositive: (t: string) => `${t} waits no time at all; set a delay longer than 0 ms.`,
  transformOutput: (t: string) => `${t} is a transform without an output template; describe the output it produces.`,
  loopMax: (t: string) => `The loop of ${t} needs a maximum number of iterations (1–100).`,
  retryMin: (t: string) => `${t} must be attempted at least once; set the attempts to 1 or more.`,
  timeoutPositive: (t: string) => `The timeout of ${t} must be longer than 0 ms; clear it for no timeout.`,

  // JSON Schemas
  invalidSchema: (which: "Input" | "Output", t: string, detail: string) =>
    `${which} schema of ${t} is not a valid JSON Schema: ${detail}`,
  missingInput: (t: string, key: string) => `Input of ${t} is missing “${key}”, which its input schema requires.`,

  // References
  unclosed: (owner: string, near: string) => `${owner} has a “{{” that is never closed (at “${near}”); close it with “}}”.`,
  unknownReference: (owner: string, raw: string, inLoop: boolean) =>
    `${owner} uses an unknown reference ${raw}. Use ${inLoop ? `output, loop.iteration, ${REFERENCE_SCOPES}` : REFERENCE_SCOPES}.`,
  loopOnly: (owner: string, raw: string) =>
    `${owner} uses ${raw}, which only exists in a loop condition; use tasks.<id>.output to read a task's output.`,
  noPrevious: (t: string) =>
    `${t} has no earlier task, so {{previous_output}} is empty; connect a task before it or reference item.data.`,
  previousKeyed: (owner: string, raw: string, key: string, ids: readonly string[]) =>
    `${owner} uses ${raw}, but with several earlier tasks {{previous_output}} is keyed by their ids (${ids.join(", ")}); “${key}” is not one of them.`,
  unknownTask: (owner: string, id: string) => `${owner} references task “${id}”, which does not exist.`,
  notUpstream: (owner: string, target: string, anchor: string, anchorIsOwner: boolean) =>
    `${owner} references ${target}, which does not run before ${anchorIsOwner ? "it" : anchor}; connect ${target} upstream of ${anchor}.`,
  unknownField: (owner: string, raw: string, target: string, field: string, known: readonly string[]) =>
    `${owner} uses ${raw}, but the output of ${target} has no field “${field}” (its output schema lists ${known.join(", ") || "no fields"}).`,

  // Conditions
  conditionSingle: (owner: string) =>
    `${owner} must compare a single reference such as {{previous_output.approved}}, with nothing around it.`,
  conditionValue: (owner: string, op: string) => `${owner} uses “${op}” but has no value to compare with; enter one.`,
  conditionNumber: (owner: string, op: string) => `${owner} uses “${op}”, which compares numbers; enter a number as the value.`,
} as const;
