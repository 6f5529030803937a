import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe } from "vitest";
import { type Database, type Db, type Driver } from "@/db/client";
import { type Run, type RunStatusValue, runEvents, runs, taskRuns } from "@/db/schema";
import { createTestDatabase, drivers } from "@/db/testing/database";
import { createUser, createWorkflow } from "@/db/testing/factories";
import type { TaskGraph } from "../graph-schema";
import type { ExecutorFn, Executors } from "./executors";
import { startRun } from "./start";
import { type Engine, type EngineOptions, startEngine } from "./worker";

/** Helpers for engine DB tests: a database with the engine running on it, and ways to start and await runs. */

export type EngineHarness = { db: () => Db; database: () => Database; engine: () => Engine; driver: Driver };

/**
 * Declares a suite once per driver with a fresh database and a started engine (workers in this
 * process). `executors` may replace the real ones with spies.
 */
export function describeEngine(
  name: string,
  body: (h: EngineHarness) => void,
  opts: { executors?: Partial<Executors>; engine?: Partial<EngineOptions> } = {},
) {
  for (const driver of drivers) {
    describe(`${name} [${driver}]`, () => {
      let database: Database | undefined;
      let engine: Engine | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(driver);
        engine = await startEngine({ database, executors: opts.executors, embedded: driver === "pglite", ...opts.engine });
      }, 60_000);
      afterAll(async () => {
        await engine?.stop();
        await database?.close();
      }, 60_000);
      const need = <T>(v: T | undefined) => {
        if (!v) throw new Error("engine harness not ready");
        return v;
      };
      body({ db: () => need(database).db, database: () => need(database), engine: () => need(engine), driver });
    });
  }
}

/** A user and a personal workflow with one automation stage running `graph`, then a Done stage. */
export async function automationWorkflow(
  db: Db,
  graph: TaskGraph,
  o: { runTimeoutMs?: number | null; maxConcurrentRuns?: number | null; requiredSecrets?: string[] } = {},
) {
  const owner = await createUser(db, { name: "Olive Owner" });
  const wf = await createWorkflow(db, {
    ownerUserId: owner.id,
    stages: [{ name: "Inbox" }, { name: "Automate", type: "AUTOMATION", taskGraph: graph, runTimeoutMs: o.runTimeoutMs ?? null }, { name: "Done" }],
    settings: {
      ...(o.maxConcurrentRuns !== undefined ? { maxConcurrentRuns: o.maxConcurrentRuns } : {}),
      ...(o.requiredSecrets ? { requiredSecrets: o.requiredSecrets } : {}),
    },
  });
  return { owner, wf, stage: wf.stages[1]! };
}

/** Starts a run of the workflow's automation stage through the API path's function. */
export async function startTestRun(db: Db, w: Awaited<ReturnType<typeof automationWorkflow>>, input: unknown = {}) {
  const run = await db.transaction((tx) =>
    startRun(tx, { workflowId: w.wf.id, stageId: w.stage.id, definitionVersion: w.wf.version, input, origin: "api", initiatorId: w.owner.id }),
  );
  if (!run) throw new Error("the stage has no tasks");
  return run;
}

const FINAL: RunStatusValue[] = ["completed", "failed", "cancelled"];

/** Polls until the run reaches one of `statuses` (final ones by default); fails the test after `timeoutMs`. */
export async function waitForRun(db: Db, runId: string, statuses: RunStatusValue[] = FINAL, timeoutMs = 20_000): Promise<Run> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    if (run && statuses.includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${runId} is ${run?.status}, not ${statuses.join("/")} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Polls until a task reaches one of `statuses`. */
export async function waitForTask(db: Db, runId: string, taskKey: string, statuses: string[], timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db.select().from(taskRuns).where(eq(taskRuns.runId, runId));
    const t = rows.find((r) => r.taskKey === taskKey);
    if (t && statuses.includes(t.status)) return t;
    if (Date.now() > until) throw new Error(`task ${taskKey} is ${t?.status}, not ${statuses.join("/")} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Each task's status by key, for assertions like `expect(await taskStatuses(db, id)).toEqual({a: "completed"})`. */
export async function taskStatuses(db: Db, runId: string): Promise<Record<string, string>> {
  const rows = await db.select({ key: taskRuns.taskKey, status: taskRuns.status }).from(taskRuns).where(eq(taskRuns.runId, runId));
  return Object.fromEntries(rows.sort((a, b) => a.key.localeCompare(b.key)).map((r) => [r.key, r.status]));
}

/** The event types of runs, in order. */
export async function eventTypes(db: Db, runIds: string[]): Promise<string[]> {
  const rows = await db.select().from(runEvents).where(inArray(runEvents.runId, runIds)).orderBy(runEvents.runId, runEvents.seq);
  return rows.map((r) => (r.taskKey ? `${r.type}:${r.taskKey}` : r.type));
}

export type SpyCall = { runId: string; taskKey: string; input: unknown; attempt: number; iteration: number; signal: AbortSignal };

/** An executor spy: records each call, answers with `answer(call)`. `of(runId)` lists one run's calls. */
export function spyExecutor(answer: (call: SpyCall) => unknown | Promise<unknown> = ({ input }) => input) {
  const calls: SpyCall[] = [];
  const fn: ExecutorFn = async ({ ctx }) => {
    const call = { runId: ctx.runId, taskKey: ctx.taskKey, input: ctx.input, attempt: ctx.attempt, iteration: ctx.iteration, signal: ctx.signal };
    calls.push(call);
    return answer(call);
  };
  return { fn, calls, of: (runId: string) => calls.filter((c) => c.runId === runId) };
}
