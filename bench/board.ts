import type { Db } from "@/db/client";
import { loadActor } from "@/lib/auth/actor";
import { toBoardJson } from "@/lib/work-items/board-json";
import { getBoard } from "@/lib/work-items/queries";
import type { BoardData } from "./board-data";
import { type Summary, summarize, timed } from "./stats";

export type ServerFigures = { getBoard: Summary; toJson: Summary; total: Summary; payloadKB: number; items: number };

/**
 * The board's server-side read in this process: `getBoard` (queries) and `toBoardJson` (shaping)
 * timed separately over `runs` loads after `warmups`, and the size of the JSON the page embeds.
 */
export async function measureServer(db: Db, data: BoardData, { warmups = 3, runs = 15 } = {}): Promise<ServerFigures> {
  const actor = await loadActor(db, data.user.id);
  if (!actor) throw new Error("The bench user did not load.");
  const load = () => getBoard({ db, actor, workflowId: data.workflowId });
  for (let i = 0; i < warmups; i++) toBoardJson(await load());
  const query: number[] = [];
  const shape: number[] = [];
  const total: number[] = [];
  let payload = "";
  let items = 0;
  for (let i = 0; i < runs; i++) {
    const q = await timed(load);
    const start = performance.now();
    const json = toBoardJson(q.value);
    const shaped = performance.now() - start;
    query.push(q.ms);
    shape.push(shaped);
    total.push(q.ms + shaped);
    if (i === 0) {
      payload = JSON.stringify(json);
      items = json.items.length;
    }
  }
  return { getBoard: summarize(query), toJson: summarize(shape), total: summarize(total), payloadKB: Buffer.byteLength(payload) / 1024, items };
}

export type MoveFigures = { roundTrip: Summary; moves: number };

/**
 * Round trips of `POST /api/v1/items/{id}/move` with a bearer token, timed in this process (request
 * sent → JSON body read). Items of one stage go to another and back, one request at a time.
 */
export async function measureMoves(baseUrl: string, token: string, data: BoardData, { moves = 100, warmups = 6 } = {}): Promise<MoveFigures> {
  const from = data.stageIds[2]!;
  const to = data.stageIds[3]!;
  const pool = data.itemsByStage.get(from)!.slice(0, moves / 2 + 1);
  if (pool.length < moves / 2 + 1) throw new Error("Not enough items in the source stage for the move bench.");
  const move = async (id: string, toStageId: string) => {
    const res = await fetch(`${baseUrl}/api/v1/items/${id}/move`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ toStageId }),
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`Move of ${id} answered ${res.status}: ${body.slice(0, 300)}`);
  };
  // Warm the route, the token lookup and the connection with the one item the timed moves leave alone.
  const spare = pool.pop()!;
  for (let i = 0; i < warmups; i++) await move(spare, i % 2 === 0 ? to : from);
  const times: number[] = [];
  for (let i = 0; i < moves; i++) {
    const forth = Math.floor(i / pool.length) % 2 === 0;
    times.push((await timed(() => move(pool[i % pool.length]!, forth ? to : from))).ms);
  }
  return { roundTrip: summarize(times), moves: times.length };
}
