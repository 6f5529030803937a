import type { TaskGraph } from "@/lib/engine/graph-schema";
import { type StageDef, type WorkflowDefinition, definitionSchema, newStage, validateDefinition } from "./definition";
import { type DescriptorRead, type ImportProblem, readDescriptor } from "./io-descriptor";
import { cleanJsonMessage, jsonErrorIndex, lineColumn } from "./io-json";

/**
 * Workflow import and export. Two shapes: the Tandem export (a whole definition, lossless) and the
 * workflow descriptor other agent-workflow engines use (one stage's task graph, without conditions or
 * loops). Pure: the designer parses a file in the browser, the server parses it again before saving.
 */

export { type Descriptor, type DescriptorExecutor, type DescriptorRole, type DescriptorTask, type ImportProblem, exportDescriptor, slugify } from "./io-descriptor";

export const TANDEM_FORMAT = "tandem.workflow";
export const TANDEM_FORMAT_VERSION = 1;
/** Larger files are refused before parsing: a definition is at most 50 stages, far below this. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export type TandemExport = {
  format: typeof TANDEM_FORMAT;
  formatVersion: typeof TANDEM_FORMAT_VERSION;
  name: string;
  description: string;
  version: number;
  exportedAt: string;
  definition: WorkflowDefinition;
};

/** The stage settings a descriptor file may set; each is present only when the file sets it. */
export type DescriptorStageFields = Partial<Pick<StageDef, "runTimeoutMs" | "policyTags" | "budget">>;

export type ImportResult =
  | { ok: true; kind: "tandem"; name: string; description: string; definition: WorkflowDefinition }
  /** A stage setting the file does not set is absent: a stage the graph goes into keeps its own. */
  | ({ ok: true; kind: "descriptor"; name: string; graph: TaskGraph } & DescriptorStageFields)
  | { ok: false; problems: ImportProblem[] };

/** A whole workflow version as a Tandem export file's content (stringify it to save). */
export function exportWorkflow(meta: { name: string; description: string; version: number }, def: WorkflowDefinition): TandemExport {
  return {
    format: TANDEM_FORMAT,
    formatVersion: TANDEM_FORMAT_VERSION,
    name: meta.name,
    description: meta.description,
    version: meta.version,
    exportedAt: new Date().toISOString(),
    definition: def,
  };
}

const NEITHER =
  "This file is neither a Tandem workflow export nor a workflow descriptor (expected “format”: “tandem.workflow” or a “tasks” list).";

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const fail = (problems: ImportProblem[]): ImportResult => ({ ok: false, problems });
const dotted = (path: readonly PropertyKey[]) => path.map(String).join(".");
const prefixed = (base: string, path: string) => (path ? `${base}.${path}` : base);

function byteLength(text: string): number {
  // Each UTF-16 unit is at most 3 UTF-8 bytes; only encode when the cheap bound is not enough.
  return text.length * 3 <= MAX_IMPORT_BYTES ? text.length : new TextEncoder().encode(text).length;
}

/** JSON.parse's complaint in words, with the line and column where the text stops being JSON. */
function jsonProblem(text: string, err: unknown): ImportProblem {
  const raw = err instanceof Error ? err.message : String(err);
  const engineAt = /position (\d+)/.exec(raw);
  const index = jsonErrorIndex(text) ?? (engineAt ? Number(engineAt[1]) : null);
  const at = index === null ? null : lineColumn(text, index);
  const where = at ? ` (line ${at.line}, column ${at.column})` : "";
  return { path: "", message: `This file is not valid JSON: ${cleanJsonMessage(raw)}${where}.` };
}

function importTandem(o: Raw): ImportResult {
  if (o.formatVersion !== TANDEM_FORMAT_VERSION) {
    return fail([
      {
        path: "formatVersion",
        message: `This file uses Tandem export format version ${JSON.stringify(o.formatVersion ?? null)}; this Tandem reads version ${TANDEM_FORMAT_VERSION}.`,
      },
    ]);
  }
  const problems: ImportProblem[] = [];
  if (typeof o.name !== "string") problems.push({ path: "name", message: "The export needs a workflow “name”." });
  if (o.description !== undefined && typeof o.description !== "string") {
    problems.push({ path: "description", message: "The “description” must be text." });
  }
  const parsed = definitionSchema.safeParse(o.definition);
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push({ path: prefixed("definition", dotted(i.path)), message: i.message });
    return fail(problems);
  }
  for (const i of validateDefinition(parsed.data)) problems.push({ path: prefixed("definition", i.path), message: i.message });
  if (problems.length) return fail(problems);
  return { ok: true, kind: "tandem", name: o.name as string, description: (o.description as string | undefined) ?? "", definition: parsed.data };
}

function importDescriptor(d: Raw, base: string): ImportResult {
  const read = readDescriptor(d, base);
  const problems = [...read.problems];
  // The graph is checked as a one-stage automation, the way it will be saved.
  const stage = {
    ...newStage(crypto.randomUUID(), "AUTOMATION", read.name),
    taskGraph: read.graph,
    runTimeoutMs: read.runTimeoutMs ?? null,
    policyTags: read.policyTags ?? [],
    budget: read.budget ?? null,
  };
  const parsed = definitionSchema.safeParse({ stages: [stage] });
  if (!parsed.success) {
    for (const i of parsed.error.issues) problems.push({ path: descriptorPath(dotted(i.path), read, base), message: i.message });
  } else if (problems.length === 0) {
    for (const i of validateDefinition(parsed.data)) problems.push({ path: descriptorPath(i.path, read, base), message: i.message });
  }
  if (problems.length) return fail(problems);
  const parsedStage = parsed.data!.stages[0]!;
  // Only what the file sets: a stage it goes into keeps the rest of its own.
  const fields: DescriptorStageFields = {
    ...(read.runTimeoutMs === undefined ? {} : { runTimeoutMs: parsedStage.runTimeoutMs }),
    ...(read.policyTags === undefined ? {} : { policyTags: parsedStage.policyTags }),
    ...(read.budget === undefined ? {} : { budget: parsedStage.budget }),
  };
  return { ok: true, kind: "descriptor", name: read.name, graph: parsedStage.taskGraph!, ...fields };
}

/** A path in the wrapping one-stage definition, as a path in the descriptor file. */
function descriptorPath(path: string, read: Pick<DescriptorRead, "pathOf" | "runTimeoutPath">, base: string): string {
  const graph = /^stages\.0\.taskGraph(?:\.(.*))?$/.exec(path);
  const at = (field: string) => (base ? `${base}.${field}` : field);
  if (graph) return graph[1] ? read.pathOf(graph[1]) : at("tasks");
  if (path === "stages.0.name") return at("displayName");
  if (path === "stages.0.runTimeoutMs") return read.runTimeoutPath;
  const extra = /^stages\.0\.(policyTags|budget)(\..*)?$/.exec(path);
  if (extra) return at(`${extra[1]}${extra[2] ?? ""}`);
  return path;
}

function findDescriptor(o: Raw): { d: Raw; base: string } | null {
  const candidates: [unknown, string][] = [
    [o, ""],
    [isObject(o.payload) ? o.payload.definition : undefined, "payload.definition"],
    [o.definition, "definition"],
  ];
  for (const [d, base] of candidates) if (isObject(d) && Array.isArray(d.tasks)) return { d, base };
  return null;
}

/**
 * Reads an import file: a Tandem export, a workflow descriptor, or a descriptor wrapped in
 * `{payload: {definition}}` / `{definition}`. Either everything is valid and comes back, or every problem
 * comes back with its path in the file; never half a workflow.
 */
export function parseImport(text: string): ImportResult {
  if (byteLength(text) > MAX_IMPORT_BYTES) {
    return fail([{ path: "", message: `This file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; a workflow export is far smaller. Check that you picked the right file.` }]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail([jsonProblem(text, err)]);
  }
  if (!isObject(data)) return fail([{ path: "", message: NEITHER }]);
  if (data.format === TANDEM_FORMAT) return importTandem(data);
  const found = findDescriptor(data);
  if (found) return importDescriptor(found.d, found.base);
  return fail([{ path: "", message: NEITHER }]);
}
