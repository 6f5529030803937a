import { and, eq, sql } from "drizzle-orm";
import { type DrizzleTransactionLike, type PgBoss, fromDrizzle } from "pg-boss";
import type { Db } from "@/db/client";
import { type Trigger, triggers } from "@/db/schema";
import { QUEUES, currentQueue } from "@/lib/engine/runtime/queue";
import { log } from "@/lib/log";
import type { CronConfig } from "./schemas";

/**
 * Cron triggers as pg-boss schedules on the `tandem-cron` queue, keyed by trigger id. A schedule is
 * written inside the transaction that changes the trigger, so the two never disagree after a commit.
 * With no queue in this process (a script, a test without the engine) nothing is written and the worker
 * reconciles every schedule when it starts.
 */

export type ScheduleOutcome = "scheduled" | "unscheduled" | "deferred";

const isPlainObject = (v: unknown) => v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype;

/** pg-boss on the caller's transaction. */
function inTx(tx: Db) {
  const inner = fromDrizzle(tx as unknown as DrizzleTransactionLike, sql);
  // Drizzle's postgres.js client leaves JSON encoding to drizzle, so the objects pg-boss binds for a
  // schedule's data and options must arrive as JSON text (PGlite accepts either).
  const executeSql = (text: string, values: unknown[] = []) => inner.executeSql(text, values.map((v) => (isPlainObject(v) ? JSON.stringify(v) : v)));
  return { db: { executeSql } };
}

/** Makes pg-boss send `{triggerId}` on the trigger's schedule (or stop, when it is disabled or not cron). */
export async function syncSchedule(tx: Db, trigger: Pick<Trigger, "id" | "kind" | "enabled" | "config">): Promise<ScheduleOutcome> {
  const boss = currentQueue();
  if (!boss) return "deferred";
  if (trigger.kind !== "cron" || !trigger.enabled) {
    await boss.unschedule(QUEUES.cron, trigger.id, inTx(tx));
    return "unscheduled";
  }
  const { cron, timezone } = trigger.config as CronConfig;
  await boss.schedule(QUEUES.cron, cron, { triggerId: trigger.id }, { tz: timezone, key: trigger.id, ...inTx(tx) });
  return "scheduled";
}

/** Stops a trigger's schedule (the trigger was deleted). */
export async function removeSchedule(tx: Db, triggerId: string): Promise<ScheduleOutcome> {
  const boss = currentQueue();
  if (!boss) return "deferred";
  await boss.unschedule(QUEUES.cron, triggerId, inTx(tx));
  return "unscheduled";
}

/**
 * Brings pg-boss's schedules in line with the enabled cron triggers: adds missing ones, rewrites changed
 * ones, drops those of disabled or deleted triggers. Run when a worker starts, which catches up on changes
 * made while no queue was running.
 */
export async function reconcileSchedules(db: Db, boss: PgBoss): Promise<{ scheduled: number; unscheduled: number }> {
  const wanted = await db
    .select({ id: triggers.id, config: triggers.config })
    .from(triggers)
    .where(and(eq(triggers.kind, "cron"), eq(triggers.enabled, true)));
  const have = new Map((await boss.getSchedules(QUEUES.cron)).map((s) => [s.key, s]));
  let scheduled = 0;
  let unscheduled = 0;
  for (const t of wanted) {
    const { cron, timezone } = t.config as CronConfig;
    const current = have.get(t.id);
    have.delete(t.id);
    if (current && current.cron === cron && current.timezone === timezone) continue;
    try {
      await boss.schedule(QUEUES.cron, cron, { triggerId: t.id }, { tz: timezone, key: t.id });
      scheduled++;
    } catch (err) {
      log.error({ err, triggerId: t.id }, "triggers: cannot schedule a cron trigger");
    }
  }
  for (const key of have.keys()) {
    await boss.unschedule(QUEUES.cron, key);
    unscheduled++;
  }
  return { scheduled, unscheduled };
}
