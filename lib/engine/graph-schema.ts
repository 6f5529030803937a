import { z } from "zod";

/**
 * The shape of a stage's task graph: tasks (nodes) with executors, and dependency edges that may carry a
 * condition. Pure data, shared by the designer, the save path, import/export and the engine. Structural
 * checks live here (zod); the semantic ones (cycles, references, reachability) in `graph.ts`.
 */

export const EXECUTOR_KINDS = ["agent", "approval", "human", "http", "transform", "delay"] as const;
export type ExecutorKind = (typeof EXECUTOR_KINDS)[number];

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const BACKOFFS = ["fixed", "exponential"] as const;
export const CONDITION_OPS = [
  "equals",
  "not_equals",
  "greater_than",
  "less_than",
  "contains",
  "exists",
  "not_exists",
  "truthy",
  "falsy",
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
/** Operators that compare against `value`; the others look at the left side alone. */
export const BINARY_OPS: readonly ConditionOp[] = ["equals", "not_equals", "greater_than", "less_than", "contains"];

export const TASK_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const taskId = z
  .string()
  .regex(TASK_ID_PATTERN, "Use 1–64 letters, digits, “_” or “-”, starting with a letter.");

const json: z.ZodType<unknown> = z.unknown();
const jsonObject = z.record(z.string(), json);

export const conditionSchema = z.object({
  /** One reference such as `{{previous_output.approved}}`. */
  left: z.string().max(500),
  op: z.enum(CONDITION_OPS),
  value: json.optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

export const executorSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("agent"),
    role: z.string().max(80),
    modelHint: z.string().max(120).optional(),
    prompt: z.string().max(20_000).optional(),
  }),
  z.object({
    kind: z.literal("approval"),
    approvals: z.number().int().min(1).max(20),
    /** The `workflows.manage` level an approver needs on the workflow. */
    level: z.enum(["WRITE", "ADMIN"]),
    instructions: z.string().max(5_000).optional(),
    /** What happens when the task's timeout passes without a decision. */
    onTimeout: z.enum(["reject", "approve"]).optional(),
  }),
  z.object({
    /** A person completes the task by submitting its output (run page or the REST API). */
    kind: z.literal("human"),
    /** What the person should do; may be empty. */
    instructions: z.string().max(5_000, "Keep a human task's instructions under 5,000 characters."),
  }),
  z.object({
    kind: z.literal("http"),
    method: z.enum(HTTP_METHODS),
    url: z.string().max(2_000),
    headers: z.record(z.string(), z.string()),
    body: json.optional(),
  }),
  z.object({
    kind: z.literal("transform"),
    /** A JSON template; strings in it may hold references. Its rendering is the task's output. */
    output: json,
  }),
  z.object({
    kind: z.literal("delay"),
    ms: z.number().int().min(0).max(30 * 24 * 3_600_000),
  }),
]);
export type Executor = z.infer<typeof executorSchema>;
export type ExecutorOf<K extends ExecutorKind> = Extract<Executor, { kind: K }>;

export const retrySchema = z.object({
  maxAttempts: z.number().int().min(1).max(10),
  backoff: z.enum(BACKOFFS),
  initialDelayMs: z.number().int().min(0).max(3_600_000),
});
export type RetryPolicy = z.infer<typeof retrySchema>;

export const loopSchema = z.object({
  until: conditionSchema,
  maxIterations: z.number().int().min(1).max(100),
});
export type Loop = z.infer<typeof loopSchema>;

/** A limit on agent spend, per task or per stage (the whole run); going over it waits for a person's approval. */
export const budgetSchema = z
  .object({
    maxCostUsd: z.number().min(0).max(1_000_000).nullable().default(null),
    maxTokens: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
  })
  .refine((b) => b.maxCostUsd !== null || b.maxTokens !== null, "A budget sets a cost, a number of tokens, or both.");
export type Budget = z.infer<typeof budgetSchema>;

export const taskSchema = z.object({
  id: taskId,
  name: z.string().max(120),
  executor: executorSchema,
  /** The task's input: JSON whose strings may reference earlier outputs. */
  input: jsonObject,
  retry: retrySchema,
  timeoutMs: z.number().int().min(1).max(30 * 24 * 3_600_000).nullable(),
  inputSchema: jsonObject.nullable(),
  outputSchema: jsonObject.nullable(),
  policyTags: z.array(z.string().min(1).max(80)).max(20),
  loop: loopSchema.nullable(),
  /** Agent tasks: a limit on the spend of this task's agent calls; absent for none. */
  budget: budgetSchema.nullable().optional(),
  position: z.object({ x: z.number(), y: z.number() }),
});
export type Task = z.infer<typeof taskSchema>;

export const edgeSchema = z.object({
  from: taskId,
  to: taskId,
  condition: conditionSchema.nullable(),
});
export type Edge = z.infer<typeof edgeSchema>;

export const roleSchema = z.object({
  id: z.string().min(1).max(80),
  name: z.string().max(120),
  capabilities: z.array(z.string().min(1).max(80)).max(20),
});
export type Role = z.infer<typeof roleSchema>;

export const taskGraphSchema = z.object({
  roles: z.array(roleSchema).max(50),
  tasks: z.array(taskSchema).max(2_000),
  edges: z.array(edgeSchema).max(5_000),
});
export type TaskGraph = z.infer<typeof taskGraphSchema>;

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoff: "exponential", initialDelayMs: 1_000 };

/** An empty graph, for a stage that has none yet. */
export function emptyGraph(): TaskGraph {
  return { roles: [], tasks: [], edges: [] };
}

/** The key of an edge, unique within a graph (there is at most one edge between two tasks). */
export function edgeKey(e: Pick<Edge, "from" | "to">): string {
  return `${e.from}->${e.to}`;
}

/** A task with every setting at its default (no schemas, no loop, default retry); `over` replaces any field. */
export function newTask(id: string, executor: Executor, over: Partial<Task> = {}): Task {
  return {
    id,
    name: id,
    executor,
    input: {},
    retry: DEFAULT_RETRY,
    timeoutMs: null,
    inputSchema: null,
    outputSchema: null,
    policyTags: [],
    loop: null,
    position: { x: 0, y: 0 },
    ...over,
  };
}
