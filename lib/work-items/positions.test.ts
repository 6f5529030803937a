import { and, asc, eq, isNull } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { type Db } from "@/db/client";
import { workItems } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, createItem, createUser, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { moveItem } from "./move";
import { setItemArchived } from "./service";

/** A stage's open items in column order, as the board reads them. */
const column = (db: Db, stageId: string) =>
  db
    .select({ id: workItems.id, title: workItems.title, position: workItems.position })
    .from(workItems)
    .where(and(eq(workItems.stageId, stageId), isNull(workItems.archivedAt)))
    .orderBy(asc(workItems.position), asc(workItems.id));
const titles = async (db: Db, stageId: string) => (await column(db, stageId)).map((i) => i.title);

describeDb("item positions", (db) => {
  let me: Actor;

  beforeAll(async () => {
    me = await actorFor(db(), (await createUser(db())).id);
  });

  /** A personal board: `inbox` holds items to move, `col` starts with the titles given. */
  async function board(...inColumn: string[]) {
    const wf = await createWorkflow(db(), { ownerUserId: me.userId, stages: [{ name: "Inbox" }, { name: "Column" }, { name: "Elsewhere" }] });
    const [inbox, col, elsewhere] = wf.stages.map((s) => s.id) as [string, string, string];
    const items: Record<string, string> = {};
    for (const title of inColumn) items[title] = (await createItem(db(), { workflowId: wf.id, stageId: col, title })).id;
    const incoming = async (title: string) => (items[title] = (await createItem(db(), { workflowId: wf.id, stageId: inbox, title })).id);
    return { wf, inbox, col, elsewhere, items, incoming };
  }

  it("places at the top for afterId null, at the bottom when afterId is left out, and right after a named item", async () => {
    const { col, items, incoming } = await board("a", "b", "c");
    await moveItem(db(), me, { id: await incoming("top"), toStageId: col, afterId: null });
    expect(await titles(db(), col)).toEqual(["top", "a", "b", "c"]);
    await moveItem(db(), me, { id: await incoming("bottom"), toStageId: col });
    expect(await titles(db(), col)).toEqual(["top", "a", "b", "c", "bottom"]);
    await moveItem(db(), me, { id: await incoming("after a"), toStageId: col, afterId: items.a });
    expect(await titles(db(), col)).toEqual(["top", "a", "after a", "b", "c", "bottom"]);
    await moveItem(db(), me, { id: await incoming("after bottom"), toStageId: col, afterId: items.bottom });
    expect(await titles(db(), col)).toEqual(["top", "a", "after a", "b", "c", "bottom", "after bottom"]);
  });

  it("places the first item of an empty column, whichever afterId is given", async () => {
    const { col, elsewhere, incoming } = await board();
    await moveItem(db(), me, { id: await incoming("first"), toStageId: col, afterId: null });
    await moveItem(db(), me, { id: await incoming("only"), toStageId: elsewhere });
    expect(await titles(db(), col)).toEqual(["first"]);
    expect(await titles(db(), elsewhere)).toEqual(["only"]);
  });

  it("moves an item within its own column, leaving itself out of the neighbours", async () => {
    const { col, items } = await board("a", "b", "c", "d");
    await moveItem(db(), me, { id: items.a!, toStageId: col, afterId: items.c });
    expect(await titles(db(), col)).toEqual(["b", "c", "a", "d"]);
    await moveItem(db(), me, { id: items.d!, toStageId: col, afterId: null });
    expect(await titles(db(), col)).toEqual(["d", "b", "c", "a"]);
    await moveItem(db(), me, { id: items.d!, toStageId: col });
    expect(await titles(db(), col)).toEqual(["b", "c", "a", "d"]);
    // Already at the bottom: moving it to the bottom again keeps the order.
    await moveItem(db(), me, { id: items.d!, toStageId: col });
    expect(await titles(db(), col)).toEqual(["b", "c", "a", "d"]);
  });

  it("keeps a strict order through 60 inserts at the same spot, renumbering when the gap runs out", async () => {
    const { col, items, incoming } = await board("x", "y");
    const yBefore = (await column(db(), col)).find((i) => i.title === "y")!.position;
    const inserted: string[] = [];
    for (let i = 1; i <= 60; i++) {
      const title = `n${i}`;
      await moveItem(db(), me, { id: await incoming(title), toStageId: col, afterId: items.x });
      inserted.unshift(title); // each lands right after x, ahead of the earlier ones
    }
    const rows = await column(db(), col);
    expect(rows.map((r) => r.title)).toEqual(["x", ...inserted, "y"]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.position, rows[i]!.title).toBeGreaterThan(rows[i - 1]!.position);
    // Only a renumbering moves y, which nothing was placed after.
    expect(rows.at(-1)!.position).not.toBe(yBefore);
  });

  it("refuses an afterId that is not an open item of the target stage as Invalid", async () => {
    const { inbox, col, elsewhere, items, incoming } = await board("a", "b");
    const stranger = await incoming("stranger");
    await moveItem(db(), me, { id: stranger, toStageId: elsewhere });
    const mover = await incoming("mover");
    const other = await board("in another workflow");
    await setItemArchived(db(), me, { id: items.b! });

    for (const afterId of [stranger, other.items["in another workflow"]!, items.b!, mover]) {
      await expect(moveItem(db(), me, { id: mover, toStageId: col, afterId })).rejects.toMatchObject({
        code: "invalid",
        fieldErrors: { afterId: ["Not an open item of the target stage."] },
      });
    }
    const [row] = await db().select().from(workItems).where(eq(workItems.id, mover));
    expect(row).toMatchObject({ version: 1, stageId: inbox });
    expect(await titles(db(), col)).toEqual(["a"]);
  });
});
