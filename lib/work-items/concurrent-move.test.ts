import { asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { rowsOf } from "@/db/client";
import { workItemEvents, workItemTransitions, workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createItem, createTeamWorkflow, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { moveItem } from "./move";

const ROUNDS = 10;

describeDb("two people move one item at once", (db, driver) => {
  let alice: Actor;
  let bob: Actor;
  let wf: Awaited<ReturnType<typeof createWorkflow>>;

  beforeAll(async () => {
    ({ wf, actors: [alice, bob] } = await createTeamWorkflow(db(), { members: ["Alice Park", "Bob Stone"] }));
  });

  /** Alice moves the item to Doing while Bob moves it to Done; `start` lets a test hold both back. */
  async function race(
    withVersion: boolean,
    start: (moves: () => Promise<unknown>, itemId: string) => Promise<void> = async (moves) => void (await moves()),
  ) {
    const item = await createItem(db(), { workflowId: wf.id, stageId: wf.stages[0]!.id });
    const version = withVersion ? { version: item.version } : {};
    const targets = { [alice.userId]: wf.stages[1]!.id, [bob.userId]: wf.stages[2]!.id };
    let results: PromiseSettledResult<Awaited<ReturnType<typeof moveItem>>>[] = [];
    await start(async () => {
      results = await Promise.allSettled([
        moveItem(db(), alice, { id: item.id, toStageId: targets[alice.userId]!, ...version }),
        moveItem(db(), bob, { id: item.id, toStageId: targets[bob.userId]!, ...version }),
      ]);
    }, item.id);
    const [row] = await db().select().from(workItems).where(eq(workItems.id, item.id));
    const transitions = await db()
      .select()
      .from(workItemTransitions)
      .where(eq(workItemTransitions.workItemId, item.id))
      .orderBy(asc(workItemTransitions.id));
    const events = await db().select().from(workItemEvents).where(eq(workItemEvents.workItemId, item.id));
    return { item, results, row: row!, transitions, events, targets };
  }

  /** Exactly one move applied, and the other was told who beat it. */
  function expectOneWinner(r: Awaited<ReturnType<typeof race>>, label: string) {
    const won = r.results.flatMap((x) => (x.status === "fulfilled" ? [x.value] : []));
    const lost = r.results.flatMap((x) => (x.status === "rejected" ? [x.reason as Error & { code?: string }] : []));
    expect(won, label).toHaveLength(1);
    const winner = won[0]!.transition!.actorId!;
    const winnerName = winner === alice.userId ? "Alice Park" : "Bob Stone";
    expect(lost[0]?.code, label).toBe("conflict");
    expect(lost[0]?.message, label).toMatch(new RegExp(`^${winnerName} moved this item`));
    expect(r.row, label).toMatchObject({ version: 2, stageId: r.targets[winner] });
    expect(r.transitions, label).toHaveLength(2);
    expect(r.transitions[1], label).toMatchObject({ fromStageId: wf.stages[0]!.id, toStageId: r.targets[winner], actorId: winner });
    expect(r.events.map((e) => e.kind), label).toEqual(["moved"]);
  }

  it(`with the version each of them read, exactly one wins (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) expectOneWinner(await race(true), `round ${round}`);
  });

  it(`without a version, neither loses nor duplicates history (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const label = `round ${round}`;
      const r = await race(false);
      const won = r.results.filter((x) => x.status === "fulfilled").length;
      // Moves that did not overlap both apply, one after the other; overlapping ones leave one winner.
      expect(won, label).toBeGreaterThanOrEqual(1);
      for (const x of r.results) if (x.status === "rejected") expect((x.reason as { code?: string }).code, label).toBe("conflict");
      expect(r.row.version, label).toBe(1 + won);
      expect(r.transitions, label).toHaveLength(1 + won);
      expect(r.events, label).toHaveLength(won);
      for (let i = 1; i < r.transitions.length; i++) {
        expect(r.transitions[i]!.fromStageId, label).toBe(r.transitions[i - 1]!.toStageId);
      }
      expect(r.row.stageId, label).toBe(r.transitions.at(-1)!.toStageId);
    }
  });

  /**
   * Holds the items' row locks until both moves wait on a lock, so both have read (and locked their
   * target stage) before either writes. PGlite runs one transaction at a time, so there it just runs them.
   */
  const overlapping = async (moves: () => Promise<unknown>, ...itemIds: string[]) => {
    if (driver !== "postgres") return void (await moves());
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db().transaction(async (tx) => {
      await tx.execute(sql`select 1 from ${workItems} where ${inArray(workItems.id, itemIds)} for update`);
      locked();
      await released;
    });
    await isLocked;
    const running = moves();
    const deadline = Date.now() + 5_000;
    for (;;) {
      const [row] = rowsOf<{ n: number }>(
        await db().execute(sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`),
      );
      if (row!.n >= 2) break;
      if (Date.now() > deadline) throw new Error(`only ${row!.n} of the two moves reached the lock`);
      await new Promise((r) => setTimeout(r, 10));
    }
    release();
    await holder;
    await running;
  };

  it("lets two items cross between the same two columns at once (the stage locks do not deadlock)", async () => {
    for (let round = 0; round < 3; round++) {
      const [s0, s1] = [wf.stages[0]!.id, wf.stages[1]!.id];
      const a = await createItem(db(), { workflowId: wf.id, stageId: s0 });
      const b = await createItem(db(), { workflowId: wf.id, stageId: s1 });
      let results: PromiseSettledResult<unknown>[] = [];
      await overlapping(async () => {
        results = await Promise.allSettled([moveItem(db(), alice, { id: a.id, toStageId: s1 }), moveItem(db(), bob, { id: b.id, toStageId: s0 })]);
      }, a.id, b.id);
      expect(results.map((x) => (x.status === "rejected" ? String(x.reason) : x.status)), `round ${round}`).toEqual(["fulfilled", "fulfilled"]);
      const rows = await db().select().from(workItems).where(inArray(workItems.id, [a.id, b.id]));
      expect(Object.fromEntries(rows.map((x) => [x.id, x.stageId]))).toEqual({ [a.id]: s1, [b.id]: s0 });
    }
  });

  it("places two items moved to the top of one column at once in a strict order", async () => {
    for (let round = 0; round < 3; round++) {
      const col = (await createWorkflow(db(), { ownerUserId: alice.userId, ownerTeamId: wf.ownerTeamId, visibility: "team" })).stages[0]!;
      const ids = [];
      for (const title of ["a", "b", "c", "d"]) ids.push((await createItem(db(), { workflowId: col.workflowId, stageId: col.id, title })).id);
      const [c, d] = [ids[2]!, ids[3]!];
      await overlapping(async () => {
        await Promise.all([moveItem(db(), alice, { id: c, toStageId: col.id, afterId: null }), moveItem(db(), bob, { id: d, toStageId: col.id, afterId: null })]);
      }, c, d);
      const rows = await db().select().from(workItems).where(eq(workItems.stageId, col.id)).orderBy(asc(workItems.position));
      expect(rows.slice(2).map((x) => x.title), `round ${round}`).toEqual(["a", "b"]);
      expect(new Set(rows.map((x) => x.position)).size, `round ${round}: positions ${rows.map((x) => x.position)}`).toBe(4);
    }
  });

  if (driver === "postgres") {
    it("when both have read the item before either writes, exactly one wins, with or without a version", async () => {
      for (const withVersion of [true, false]) {
        for (let round = 0; round < 3; round++) {
          const r = await race(withVersion, (moves, id) => overlapping(moves, id));
          expectOneWinner(r, `${withVersion ? "with" : "without"} version, round ${round}`);
        }
      }
    });
  } else {
    it("runs transactions one at a time on PGlite, so without a version the second move applies after the first", async () => {
      // PGlite serialises transactions on its single connection: the moves cannot overlap, and a move
      // without a version is not based on anything the first one replaced.
      const r = await race(false);
      expect(r.results.map((x) => x.status)).toEqual(["fulfilled", "fulfilled"]);
      expect(r.row).toMatchObject({ version: 3, stageId: wf.stages[2]!.id });
      expect(r.transitions.map((t) => [t.fromStageId, t.toStageId, t.actorId])).toEqual([
        [null, wf.stages[0]!.id, null],
        [wf.stages[0]!.id, wf.stages[1]!.id, alice.userId],
        [wf.stages[1]!.id, wf.stages[2]!.id, bob.userId],
      ]);
    });
  }
});
