import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { count, eq, inArray } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { appendAudit } from "@/lib/audit/log";
import { insertWorkflow } from "@/lib/workflows/create";
import { definitionOf, stageDefOf } from "@/lib/workflows/definition";
import type { Db } from "./client";
import {
  type NewWorkItemTransition,
  agentRecommendations,
  agentRoleBindings,
  catalogAgentVersions,
  catalogAgents,
  guardrailPolicies,
  teamMembers,
  teams,
  users,
  workItemTransitions,
  workItems,
  workflows,
} from "./schema";
import { seedRecommendations } from "./seed-recommendations";
import { DEMO_PASSWORD, type WorkflowSeed, demoAgents, demoPolicies, demoTeams, demoUsers, demoWorkflows } from "./seed-data";

/** A stable UUID for a seed key, so that seeding twice finds the same rows. */
export function seedId(key: string): string {
  const h = createHash("sha1").update(`tandem-seed:${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Small deterministic PRNG (mulberry32), so the demo history is the same on every machine. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const PRIORITIES = ["urgent", "high", "medium", "medium", "low", "none"] as const;

/** Walks an item through its stages from `createdAt`, sometimes sending it back one stage. */
function history(rand: () => number, stageIds: string[], createdAt: Date, now: Date, actors: string[]) {
  const moves: Omit<NewWorkItemTransition, "workItemId">[] = [];
  let at = createdAt.getTime();
  let stage = 0;
  const pick = () => actors[Math.floor(rand() * actors.length)]!;
  moves.push({ fromStageId: null, toStageId: stageIds[0]!, actorId: pick(), at: new Date(at), reason: "created" });
  const target = Math.floor(rand() * stageIds.length);
  while (stage < target) {
    at += (2 + rand() * 60) * HOUR;
    if (at > now.getTime() - HOUR) break;
    const back = stage > 0 && rand() < 0.12;
    const next = back ? stage - 1 : stage + 1;
    moves.push({
      fromStageId: stageIds[stage]!,
      toStageId: stageIds[next]!,
      actorId: pick(),
      at: new Date(at),
      reason: back ? "changes requested" : null,
    });
    stage = next;
  }
  return { moves, stage };
}

async function seedWorkflow(db: Db, wf: WorkflowSeed, now: Date): Promise<number> {
  const id = seedId(`workflow:${wf.key}`);
  const [existing] = await db.select({ id: workflows.id }).from(workflows).where(eq(workflows.id, id));
  if (existing) return 0;

  const stageIds = wf.stages.map((_, i) => seedId(`stage:${wf.key}:${i}`));
  const definition = definitionOf(
    wf.stages.map((s, i) => ({
      ...stageDefOf({ id: stageIds[i]!, name: s.name, type: s.type, config: s.config ?? {} }, s.taskGraph ?? null),
      runTimeoutMs: s.runTimeoutMs ?? null,
    })),
    wf.settings,
  );
  await insertWorkflow(
    db,
    {
      id,
      name: wf.name,
      description: wf.description,
      ownerUserId: seedId(`user:${wf.owner}`),
      ownerTeamId: wf.team ? seedId(`team:${wf.team}`) : null,
      visibility: wf.visibility,
      isTemplate: wf.isTemplate ?? false,
      templateOf: wf.templateOf ? seedId(`workflow:${wf.templateOf}`) : null,
    },
    definition,
    "create",
    seedId(`user:${wf.owner}`),
  );
  if (!wf.items) return 1;

  const rand = prng([...wf.key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7));
  const team = demoTeams.find((t) => t.key === wf.team);
  const people = (team ? team.members.map(([u]) => u) : [wf.owner]).map((u) => seedId(`user:${u}`));
  const transitions: NewWorkItemTransition[] = [];
  const items = wf.items.titles.slice(0, wf.items.count).map((title, i) => {
    const itemId = seedId(`item:${wf.key}:${i}`);
    const createdAt = new Date(now.getTime() - (3 + rand() * 25) * 24 * HOUR);
    const { moves, stage } = history(rand, stageIds, createdAt, now, people);
    transitions.push(...moves.map((m) => ({ ...m, workItemId: itemId })));
    const last = stage === stageIds.length - 1;
    return {
      id: itemId,
      workflowId: id,
      stageId: stageIds[stage]!,
      title,
      description: "",
      data: { ref: `${wf.key.split("-")[0]!.toUpperCase()}-${100 + i}` },
      priority: PRIORITIES[Math.floor(rand() * PRIORITIES.length)]!,
      assigneeId: rand() < 0.8 ? people[Math.floor(rand() * people.length)]! : null,
      createdById: people[0]!,
      position: (i + 1) * 1024,
      createdAt,
      updatedAt: moves.at(-1)!.at as Date,
      completedAt: last ? (moves.at(-1)!.at as Date) : null,
    };
  });
  await db.insert(workItems).values(items);
  await db.insert(workItemTransitions).values(transitions);
  const stages = wf.stages.map((s, i) => ({ id: stageIds[i]!, type: s.type }));
  const recommendations = seedRecommendations({ workflowId: id, stages, items, transitions, rand, idOf: seedId });
  if (recommendations.length) await db.insert(agentRecommendations).values(recommendations);
  return 1;
}

/**
 * The demo catalog: agents (bound to their role when first made) and guardrail policies. An agent or
 * policy already there, or one a person made under the same name or tag, is left alone, and so is a
 * binding someone changed since.
 */
async function seedCatalog(db: Db): Promise<number> {
  let created = 0;
  for (const a of demoAgents) {
    const id = seedId(`agent:${a.key}`);
    const ownerUserId = seedId(`user:${a.owner}`);
    const [agent] = await db
      .insert(catalogAgents)
      .values({ id, name: a.name, kind: a.config.kind, ownerUserId, ownerTeamId: seedId(`team:${a.team}`), visibility: "team", version: 1 })
      .onConflictDoNothing()
      .returning({ id: catalogAgents.id });
    if (!agent) continue;
    created++;
    await db
      .insert(catalogAgentVersions)
      .values({ agentId: id, version: 1, description: a.description, capabilities: a.capabilities, config: a.config, createdById: ownerUserId });
    if (a.bind) {
      await db
        .insert(agentRoleBindings)
        .values({ workflowId: seedId(`workflow:${a.bind.workflow}`), roleId: a.bind.role, agentId: id, boundById: ownerUserId })
        .onConflictDoNothing();
    }
  }
  for (const p of demoPolicies) {
    const rows = await db
      .insert(guardrailPolicies)
      .values({
        id: seedId(`policy:${p.key}`),
        tag: p.tag,
        description: p.description,
        checks: p.checks,
        ownerUserId: seedId(`user:${p.owner}`),
        ownerTeamId: seedId(`team:${p.team}`),
        visibility: "team",
      })
      .onConflictDoNothing()
      .returning({ id: guardrailPolicies.id });
    created += rows.length;
  }
  return created;
}

/** Seeds the demo teams, users, templates, workflows and agent catalog. Safe to run again: existing rows are kept. */
export async function seed(db: Db, now = new Date()): Promise<{ created: number }> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.id, demoUsers.map((u) => seedId(`user:${u.key}`))));
    const have = new Set(existing.map((r) => r.id));
    const missing = demoUsers.filter((u) => !have.has(seedId(`user:${u.key}`)));
    const passwordHash = missing.length ? await hashPassword(DEMO_PASSWORD) : "";
    let created = missing.length;
    if (missing.length) {
      await tx
        .insert(users)
        .values(
          missing.map((u) => ({
            id: seedId(`user:${u.key}`),
            email: u.email,
            name: u.name,
            isAdmin: "isAdmin" in u ? u.isAdmin : false,
            passwordHash,
          })),
        )
        .onConflictDoNothing();
    }
    for (const t of demoTeams) {
      const teamId = seedId(`team:${t.key}`);
      const ins = await tx.insert(teams).values({ id: teamId, slug: t.key, name: t.name }).onConflictDoNothing().returning();
      created += ins.length;
      await tx
        .insert(teamMembers)
        .values(t.members.map(([u, role]) => ({ teamId, userId: seedId(`user:${u}`), role })))
        .onConflictDoNothing();
    }
    for (const wf of demoWorkflows) created += await seedWorkflow(tx, wf, now);
    created += await seedCatalog(tx);
    if (created > 0) {
      await appendAudit(tx, { actorId: null, action: "system.seed", targetType: "instance", outcome: "success", details: { created } });
    }
    return { created };
  });
}

/** True when the database holds no users yet (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

async function main() {
  const { openFromEnv } = await import("./client");
  const { migrate } = await import("./migrate");
  const database = await openFromEnv();
  try {
    await migrate(database.db);
    const { created } = await seed(database.db);
    console.log(created ? `Seeded ${created} demo records.` : "Demo data already present; nothing to do.");
  } finally {
    await database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
