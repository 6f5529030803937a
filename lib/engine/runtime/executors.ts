import type { Db } from "@/db/client";
import { runAgentTaskCall } from "@/lib/catalog/call";
import type { Executor, Task } from "../graph-schema";
import { runHttp, httpPolicyFromEnv } from "../executors/http";
import type { ExecutorContext } from "../executors/types";

/** An executor the worker runs in-process; `executor` has its references rendered. A `TaskWait` answer parks the task for a person. */
export type ExecutorFn = (args: { task: Task; executor: Executor; ctx: ExecutorContext; db: Db }) => Promise<unknown>;

/** Kinds a worker executes itself; approval, human and delay tasks wait instead. */
export type WorkKind = "agent" | "http" | "transform";
export type Executors = Record<WorkKind, ExecutorFn>;

/** The executors of a real worker. Tests and the benchmark replace some (spies, no-ops, a sink writer). */
export const defaultExecutors: Executors = {
  agent: async ({ task, executor, ctx, db }) => {
    if (executor.kind !== "agent") throw new Error("not an agent task");
    return runAgentTaskCall({ db, ctx, task, executor });
  },
  http: async ({ task, executor, ctx }) => {
    if (executor.kind !== "http") throw new Error("not an http task");
    return runHttp(executor, ctx, httpPolicyFromEnv(), task.timeoutMs ?? undefined);
  },
  transform: async ({ executor }) => {
    if (executor.kind !== "transform") throw new Error("not a transform task");
    return executor.output;
  },
};

/** Whether a kind runs in the worker (else the task waits for a person, an approval or time). */
export function isWorkKind(kind: Executor["kind"]): kind is WorkKind {
  return kind === "agent" || kind === "http" || kind === "transform";
}
