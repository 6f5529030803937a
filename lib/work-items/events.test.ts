import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, rowsOf } from "@/db/client";
import { createTestDatabase, drivers } from "@/db/testing/database";
import { createItem, createUser, createWorkflow } from "@/db/testing/factories";
import { ITEM_EVENTS_CHANNEL, itemFeedCursor, recordItemEvent } from "./events";

/** Resolves once `received` holds `payload`; fails after `ms`. */
async function arrival(received: string[], payload: string, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!received.includes(payload)) {
    if (Date.now() > deadline) throw new Error(`no notification "${payload}" within ${ms} ms; got ${JSON.stringify(received)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// describeDb hands out only the Drizzle handle; NOTIFY needs the Database's `listen`, so open it here.
for (const driver of drivers) {
  describe(`item change notifications [${driver}]`, () => {
    let database: Database;
    let workflowId = "";
    let workItemId = "";
    let actorId = "";
    const received: string[] = [];
    let unlisten: () => Promise<void>;

    beforeAll(async () => {
      database = await createTestDatabase(driver);
      const user = await createUser(database.db);
      const wf = await createWorkflow(database.db, { ownerUserId: user.id });
      const item = await createItem(database.db, { workflowId: wf.id, stageId: wf.stages[0]!.id });
      [workflowId, workItemId, actorId] = [wf.id, item.id, user.id];
      unlisten = await database.listen(ITEM_EVENTS_CHANNEL, (payload) => received.push(payload));
    });
    afterAll(async () => {
      await unlisten?.();
      await database?.close();
    });

    /** A committed notification sent after the step under test: once it arrives, earlier ones would have too. */
    async function marker(name: string) {
      await database.db.execute(sql`select pg_notify(${ITEM_EVENTS_CHANNEL}, ${name})`);
      await arrival(received, name);
    }

    it("notifies with the workflow id, but only once the transaction commits", async () => {
      received.length = 0;
      let heardInside: string[] = [];
      await database.db.transaction(async (tx) => {
        await recordItemEvent(tx, { workflowId, workItemId, kind: "updated", actorId });
        // Give a notification sent at the statement (rather than at commit) time to arrive.
        await new Promise((r) => setTimeout(r, 200));
        await tx.execute(sql`select 1`);
        heardInside = [...received];
      });
      expect(heardInside).toEqual([]);
      await arrival(received, workflowId);
      expect(received).toEqual([workflowId]);
    });

    it("an item's feed cursor is its workflow's latest event, 0 for an unknown item", async () => {
      await recordItemEvent(database.db, { workflowId, workItemId, kind: "updated", actorId });
      const [last] = rowsOf<{ seq: number }>(await database.db.execute(sql`select max(seq)::int as seq from work_item_events where workflow_id = ${workflowId}`));
      expect(last!.seq).toBeGreaterThan(0);
      expect(await itemFeedCursor(database.db, workItemId)).toBe(last!.seq);
      expect(await itemFeedCursor(database.db, "00000000-0000-4000-8000-000000000000")).toBe(0);
    });

    it("sends nothing when the transaction rolls back", async () => {
      received.length = 0;
      const rollback = new Error("roll back");
      await expect(
        database.db.transaction(async (tx) => {
          await recordItemEvent(tx, { workflowId, workItemId, kind: "moved", actorId });
          throw rollback;
        }),
      ).rejects.toBe(rollback);
      await marker("after-rollback");
      expect(received).toEqual(["after-rollback"]);
    });
  });
}
