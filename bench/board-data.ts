import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import {
  type NewWorkItem,
  type NewWorkItemTransition,
  stages,
  teamMembers,
  teams,
  users,
  workItemEvents,
  workItemTransitions,
  workItems,
  workflows,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

export const STAGE_NAMES = ["Inbox", "Triage", "Ready", "In progress", "Review", "QA", "Ready to ship", "Done"];
/** Share of the items in each stage: queues at both ends, as real boards have. */
const STAGE_WEIGHTS = [0.22, 0.12, 0.14, 0.1, 0.08, 0.06, 0.06, 0.22];
const PRIORITIES = ["urgent", "high", "medium", "low", "none"] as const;
const MEMBERS = 11;
const CHUNK = 1000;
const DAY = 24 * 3600 * 1000;
const WORDS = "fix add update refactor billing export login search invoice report cache dashboard api sync webhook onboarding mobile email settings audit".split(" ");

export type BoardData = {
  user: { id: string; email: string; password: string };
  workflowId: string;
  stageIds: string[];
  /** Open item ids per stage id, in column order. */
  itemsByStage: Map<string, string[]>;
  counts: { items: number; transitions: number; events: number };
};

/** A small deterministic generator, so every run loads the same board. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Loads a team board: a team of 12, a team workflow with 8 stages and `itemCount` open items spread
 * over them, each with ~3 transitions (the last one into its current stage) and matching change-feed
 * events. The first user signs in with a known password and administers the team.
 */
export async function loadBoardData(db: Db, itemCount = 5000): Promise<BoardData> {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const tag = randomUUID().slice(0, 8);
  const password = `bench-${tag}-password`;
  const passwordHash = await hashPassword(password);

  const userRows = await db
    .insert(users)
    .values(
      Array.from({ length: MEMBERS + 1 }, (_, i) => ({
        name: i === 0 ? "Bench Admin" : `Member ${i}`,
        email: i === 0 ? `bench-${tag}@bench.test` : `member${i}-${tag}@bench.test`,
        passwordHash: i === 0 ? passwordHash : null,
      })),
    )
    .returning({ id: users.id, email: users.email });
  const [team] = await db.insert(teams).values({ name: "Bench team", slug: `bench-${tag}` }).returning();
  await db.insert(teamMembers).values(userRows.map((u, i) => ({ teamId: team!.id, userId: u.id, role: i === 0 ? ("admin" as const) : ("member" as const) })));
  const me = userRows[0]!;
  const [wf] = await db
    .insert(workflows)
    .values({ name: `Bench board ${itemCount}`, ownerUserId: me.id, ownerTeamId: team!.id, visibility: "team" })
    .returning();
  const stageRows = await db
    .insert(stages)
    .values(STAGE_NAMES.map((name, position) => ({ workflowId: wf!.id, name, position })))
    .returning({ id: stages.id, position: stages.position });
  const stageIds = stageRows.sort((a, b) => a.position - b.position).map((s) => s.id);

  const now = Date.now();
  const items: NewWorkItem[] = [];
  const transitions: NewWorkItemTransition[] = [];
  const itemsByStage = new Map<string, string[]>(stageIds.map((id) => [id, []]));
  const bounds = STAGE_WEIGHTS.map((_, i) => STAGE_WEIGHTS.slice(0, i + 1).reduce((a, b) => a + b, 0));
  for (let n = 0; n < itemCount; n++) {
    const r = n / itemCount;
    const stageIndex = Math.min(bounds.findIndex((b) => r < b + 1e-9), stageIds.length - 1);
    const stageId = stageIds[stageIndex]!;
    const column = itemsByStage.get(stageId)!;
    const id = randomUUID();
    const createdAt = now - Math.floor(rand() * 120 * DAY);
    // Created in an earlier stage, moved once in between, then into the current one.
    const first = stageIds[Math.floor(rand() * (stageIndex + 1))]!;
    const middle = stageIds[Math.floor(rand() * stageIds.length)]!;
    const path = [first, middle, stageId].filter((s, i, all) => i === 0 || s !== all[i - 1]);
    const span = now - createdAt;
    path.forEach((to, i) => {
      transitions.push({
        workItemId: id,
        fromStageId: i === 0 ? null : path[i - 1]!,
        toStageId: to,
        actorId: pick(userRows).id,
        at: new Date(createdAt + Math.floor((span * i) / path.length)),
      });
    });
    const enteredAt = transitions.at(-1)!.at!;
    items.push({
      id,
      workflowId: wf!.id,
      stageId,
      title: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} #${n + 1}`,
      description: "",
      assigneeId: rand() < 0.8 ? pick(userRows).id : null,
      priority: pick(PRIORITIES),
      position: (column.length + 1) * 1024,
      createdById: me.id,
      createdAt: new Date(createdAt),
      updatedAt: enteredAt,
      completedAt: stageIndex === stageIds.length - 1 ? enteredAt : null,
    });
    column.push(id);
  }

  await insertChunked(items, (c) => db.insert(workItems).values(c));
  await insertChunked(transitions, (c) => db.insert(workItemTransitions).values(c));
  const events = transitions.map((t) => ({
    workflowId: wf!.id,
    workItemId: t.workItemId,
    kind: t.fromStageId ? ("moved" as const) : ("created" as const),
    actorId: t.actorId,
    at: t.at,
    details: t.fromStageId ? { from: t.fromStageId, to: t.toStageId } : {},
  }));
  events.sort((a, b) => a.at!.getTime() - b.at!.getTime());
  await insertChunked(events, (c) => db.insert(workItemEvents).values(c));

  return {
    user: { id: me.id, email: me.email, password },
    workflowId: wf!.id,
    stageIds,
    itemsByStage,
    counts: { items: items.length, transitions: transitions.length, events: events.length },
  };
}
