import { type GraphIssue, MSG, label } from "./graph-messages";
import type { Task } from "./graph-schema";
import { schemaProblem } from "./json-schema";

/**
 * Rules about one task's own settings: fields it cannot run without, and its JSON Schemas. Values the
 * zod schema already bounds are checked again where the designer can hold them out of range mid-edit.
 */

// A literal host must follow the scheme: a reference there could send the request anywhere.
const URL_START = /^https?:\/\/[^\s/?#{}]+/i;

/** Missing or out-of-range settings of a task and its executor. */
export function checkRequired(task: Task): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const at = (field: string, message: string) => issues.push({ taskId: task.id, field, message });
  const t = label(task);
  if (!task.name.trim()) at("name", MSG.nameRequired(t));
  const x = task.executor;
  switch (x.kind) {
    case "agent":
      if (!x.role.trim()) at("executor.role", MSG.roleRequired(t));
      break;
    case "approval":
      if (!(x.approvals >= 1)) at("executor.approvals", MSG.approvalsMin(t));
      break;
    case "human":
      // Instructions may be empty: the task's name can say enough.
      break;
    case "http": {
      const url = x.url.trim();
      if (!url) at("executor.url", MSG.urlRequired(t));
      else if (!URL_START.test(url)) at("executor.url", MSG.urlScheme(t));
      if (Object.keys(x.headers).some((h) => !h.trim())) at("executor.headers", MSG.headerName(t));
      break;
    }
    case "transform":
      if (x.output === undefined) at("executor.output", MSG.transformOutput(t));
      break;
    case "delay":
      if (!(x.ms > 0)) at("executor.ms", MSG.delayPositive(t));
      break;
  }
  if (task.loop && !(task.loop.maxIterations >= 1)) at("loop.maxIterations", MSG.loopMax(t));
  if (!(task.retry.maxAttempts >= 1)) at("retry.maxAttempts", MSG.retryMin(t));
  if (task.timeoutMs !== null && !(task.timeoutMs > 0)) at("timeoutMs", MSG.timeoutPositive(t));
  return issues;
}

/** Invalid input/output schemas, and input keys the input schema requires but the task does not map. */
export function checkSchemas(task: Task): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const t = label(task);
  for (const [which, field, schema] of [
    ["Input", "inputSchema", task.inputSchema],
    ["Output", "outputSchema", task.outputSchema],
  ] as const) {
    if (!schema) continue;
    const problem = schemaProblem(schema);
    if (problem) issues.push({ taskId: task.id, field, message: MSG.invalidSchema(which, t, problem) });
  }
  const required = task.inputSchema?.required;
  if (Array.isArray(required)) {
    for (const key of new Set(required)) {
      if (typeof key === "string" && !Object.hasOwn(task.input, key)) {
        issues.push({ taskId: task.id, field: `input.${key}`, message: MSG.missingInput(t, key) });
      }
    }
  }
  return issues;
}
