import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { createTestDatabase, drivers } from "@/db/testing/database";
import { actorFor, addMember, createItem, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import { NotFound } from "@/lib/errors";
import { moveItem } from "./move";
import { createItem as createItemService } from "./service";
import { boardEventStream, type BoardChanges } from "./stream";

/** Reads `changes` events from a stream until `done` says the cards seen so far are enough. */
async function readChanges(stream: ReadableStream<Uint8Array>, done: (cards: BoardChanges["items"]) => boolean) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const found: BoardChanges[] = [];
  let buffer = "";
  while (!done(found.flatMap((e) => e.items))) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event === "changes" && data) found.push(JSON.parse(data));
    }
  }
  reader.releaseLock();
  return found;
}

for (const driver of drivers) {
  describe(`board event stream [${driver}]`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await createTestDatabase(driver);
    });
    afterAll(async () => {
      await database.close();
    });

    it("sends the changed cards after a move and a create, and nothing from before it opened", async () => {
      const db = database.db;
      const team = await createTeam(db);
      const [alice, bob] = [await createUser(db), await createUser(db)];
      await addMember(db, team.id, alice.id);
      await addMember(db, team.id, bob.id);
      const wf = await createWorkflow(db, { ownerUserId: alice.id, ownerTeamId: team.id, visibility: "team" });
      const old = await createItemService(db, await actorFor(db, alice.id), { workflowId: wf.id, title: "Before the stream" });
      const item = await createItem(db, { workflowId: wf.id, stageId: wf.stages[0]!.id });

      const abort = new AbortController();
      const stream = await boardEventStream({ database, actor: await actorFor(db, bob.id), workflowId: wf.id, signal: abort.signal });
      let createdId = "";
      const reading = readChanges(stream, (cards) => cards.some((c) => c.id === item.id) && cards.some((c) => c.id === createdId));
      const started = Date.now();
      await moveItem(db, await actorFor(db, alice.id), { id: item.id, toStageId: wf.stages[1]!.id });
      const created = await createItemService(db, await actorFor(db, alice.id), { workflowId: wf.id, title: "Live" });
      createdId = created.id;
      const events = await reading;
      abort.abort();

      // NOTIFY wakes the stream at once (the two changes may arrive in one message); the 5 s poll would be slower.
      expect(Date.now() - started).toBeLessThan(3_000);
      const cards = events.flatMap((e) => e.items);
      expect(cards.map((c) => c.id)).not.toContain(old.id);
      expect(cards.find((c) => c.id === item.id)).toMatchObject({ stageId: wf.stages[1]!.id, version: 2 });
      expect(cards.find((c) => c.id === created.id)).toMatchObject({ title: "Live", stageId: wf.stages[0]!.id });
      expect(events.at(-1)!.actorIds).toEqual([alice.id]);
    });

    it("refuses a workflow the actor cannot see exactly like a missing one", async () => {
      const db = database.db;
      const owner = await createUser(db);
      const stranger = await createUser(db);
      const wf = await createWorkflow(db, { ownerUserId: owner.id, visibility: "personal" });
      const signal = new AbortController().signal;
      await expect(boardEventStream({ database, actor: await actorFor(db, stranger.id), workflowId: wf.id, signal })).rejects.toThrow(NotFound);
      await expect(
        boardEventStream({ database, actor: await actorFor(db, stranger.id), workflowId: crypto.randomUUID(), signal }),
      ).rejects.toThrow(NotFound);
    });
  });
}
