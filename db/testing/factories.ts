import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import {
  type StageConfig,
  type StageType,
  type Visibility,
  stages,
  teamMembers,
  teams,
  users,
  workItemTransitions,
  workItems,
} from "../schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import type { TeamRole } from "@/lib/auth/permissions";
import type { TaskGraph } from "@/lib/engine/graph-schema";
import { positionFor } from "@/lib/work-items/positions";
import { insertWorkflow } from "@/lib/workflows/create";
import { type StageDef, type WorkflowSettings, definitionOf, stageDefOf } from "@/lib/workflows/definition";

const uniq = () => randomBytes(4).toString("hex");

/** Factories for DB tests: each makes one row with sensible defaults and returns it. */
export async function createUser(db: Db, o: { name?: string; email?: string; isAdmin?: boolean; passwordHash?: string } = {}) {
  const name = o.name ?? `User ${uniq()}`;
  const [u] = await db
    .insert(users)
    .values({
      name,
      email: o.email ?? `${name.toLowerCase().replace(/\W+/g, ".")}.${uniq()}@example.test`,
      isAdmin: o.isAdmin ?? false,
      passwordHash: o.passwordHash ?? null,
    })
    .returning();
  return u!;
}

export async function createTeam(db: Db, o: { name?: string } = {}) {
  const name = o.name ?? `Team ${uniq()}`;
  const [t] = await db.insert(teams).values({ name, slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${uniq()}` }).returning();
  return t!;
}

export async function addMember(db: Db, teamId: string, userId: string, role: TeamRole = "member") {
  await db.insert(teamMembers).values({ teamId, userId, role });
}

type WorkflowOptions = {
  ownerUserId: string;
  ownerTeamId?: string | null;
  visibility?: Visibility;
  name?: string;
  isTemplate?: boolean;
  stages?: {
    name: string;
    type?: StageType;
    config?: StageConfig;
    taskGraph?: TaskGraph;
    runTimeoutMs?: number | null;
    policyTags?: string[];
    budget?: StageDef["budget"];
  }[];
  /** The workflow's own settings (default: none set). */
  settings?: Partial<WorkflowSettings>;
};

/** A workflow with version 1 holding `stages` (three human stages by default); returns its stage rows and definition too. */
export async function createWorkflow(db: Db, o: WorkflowOptions) {
  const definition = definitionOf(
    (o.stages ?? [{ name: "To do" }, { name: "Doing" }, { name: "Done" }]).map(
      (s): StageDef => ({
        ...stageDefOf({ id: randomUUID(), name: s.name, type: s.type ?? "HUMAN", config: s.config ?? {} }, s.taskGraph ?? null),
        runTimeoutMs: s.runTimeoutMs ?? null,
        policyTags: s.policyTags ?? [],
        budget: s.budget ?? null,
      }),
    ),
    o.settings,
  );
  const wf = await insertWorkflow(
    db,
    {
      name: o.name ?? `Workflow ${uniq()}`,
      ownerUserId: o.ownerUserId,
      ownerTeamId: o.ownerTeamId ?? null,
      visibility: o.visibility ?? "personal",
      isTemplate: o.isTemplate ?? false,
    },
    definition,
    "create",
    o.ownerUserId,
  );
  const stageRows = await db.select().from(stages).where(eq(stages.workflowId, wf.id));
  return { ...wf, stages: stageRows.sort((a, b) => a.position - b.position), definition };
}

/** An item in `stageId`, with the creating transition at `at`. */
export async function createItem(
  db: Db,
  o: { workflowId: string; stageId: string; title?: string; actorId?: string | null; at?: Date },
) {
  const at = o.at ?? new Date();
  const [item] = await db
    .insert(workItems)
    .values({
      workflowId: o.workflowId,
      stageId: o.stageId,
      title: o.title ?? `Item ${uniq()}`,
      createdAt: at,
      position: await positionFor(db, o.stageId, undefined),
    })
    .returning();
  await db
    .insert(workItemTransitions)
    .values({ workItemId: item!.id, fromStageId: null, toStageId: o.stageId, actorId: o.actorId ?? null, at, reason: "created" });
  return item!;
}

/** The actor for a user, as a request would load it. */
export async function actorFor(db: Db, userId: string): Promise<Actor> {
  const actor = await loadActor(db, userId, "test-request");
  if (!actor) throw new Error(`no active user ${userId}`);
  return actor;
}

/** A team whose `members` (names, in order) are plain members, with the actor of each. */
export async function createTeamWithMembers<const M extends readonly string[]>(db: Db, o: { members: M; name?: string }) {
  const team = await createTeam(db, { name: o.name });
  const people = [];
  for (const name of o.members) people.push(await createUser(db, { name }));
  for (const u of people) await addMember(db, team.id, u.id);
  const actors = [];
  for (const u of people) actors.push(await actorFor(db, u.id));
  return { team, users: people as { [K in keyof M]: (typeof people)[number] }, actors: actors as { [K in keyof M]: Actor } };
}

/** A team of `members` and one workflow of theirs, owned by the team and by its first member. */
export async function createTeamWorkflow<const M extends readonly [string, ...string[]]>(
  db: Db,
  o: { members: M; visibility?: Visibility } & Pick<WorkflowOptions, "stages" | "settings">,
) {
  const { team, users: people, actors } = await createTeamWithMembers(db, { members: o.members });
  const wf = await createWorkflow(db, { ownerUserId: people[0].id, ownerTeamId: team.id, visibility: o.visibility ?? "team", stages: o.stages, settings: o.settings });
  return { team, wf, users: people, actors };
}
