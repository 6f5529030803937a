import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { triggers } from "@/db/schema";
import { QUEUES, currentQueue } from "@/lib/engine/runtime/queue";
import { isUuid } from "./access";
import { lastCronTick } from "./cron";
import { type FireResult, fireTrigger } from "./fire";
import type { CronConfig } from "./schemas";
import { itemTitle } from "./title";

/**
 * A cron trigger's schedule came round (the engine's `onCron`): fires it once for the tick. A job of a
 * deleted or changed trigger removes its stale schedule; a disabled trigger does nothing. A tick already
 * fired (a redelivered job) is a duplicate.
 */
export async function onCron(db: Db, triggerId: string): Promise<FireResult | null> {
  const [trigger] = isUuid(triggerId) ? await db.select().from(triggers).where(eq(triggers.id, triggerId)) : [];
  if (!trigger || trigger.kind !== "cron") {
    await currentQueue()?.unschedule(QUEUES.cron, triggerId);
    return null;
  }
  if (!trigger.enabled) return null;
  const config = trigger.config as CronConfig;
  const firedAt = new Date();
  const tick = lastCronTick(config.cron, config.timezone, firedAt);
  const scope = { trigger: { id: trigger.id, name: trigger.name }, firedAt: firedAt.toISOString(), tick: tick?.toISOString() ?? null };
  return fireTrigger(db, {
    trigger,
    title: itemTitle(config.title, scope, `${trigger.name} — ${(tick ?? firedAt).toISOString().slice(0, 16).replace("T", " ")} UTC`),
    data: { trigger: { id: trigger.id, name: trigger.name, kind: "cron", cron: config.cron, timezone: config.timezone, tick: scope.tick, depth: 1 } },
    details: { cron: config.cron, timezone: config.timezone, tick: scope.tick },
    tick,
  });
}
