import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { stages, users, workItems, workflowVersions, workflows } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/audit/log";
import { Conflict, Invalid, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireWorkflow } from "./access";
import { type WorkflowDefinition, definitionSchema, stageConfigOf, validateDefinition } from "./definition";
import { diffDefinitions, summarizeDiff } from "./diff";
import { saveDefinitionInput } from "./schemas";

/**
 * Parses and validates a definition, throwing Invalid with every problem keyed by its path, so that a
 * refused save (or import) lists all the reasons at once.
 */
export function checkDefinition(input: unknown): WorkflowDefinition {
  const def = parseInput(definitionSchema, input);
  const issues = validateDefinition(def);
  if (issues.length === 0) return def;
  const fieldErrors: Record<string, string[]> = {};
  for (const i of issues) (fieldErrors[i.path] ??= []).push(i.message);
  const n = issues.length;
  throw new Invalid(`This workflow cannot be saved: ${n === 1 ? "1 problem" : `${n} problems`}. ${issues[0]!.message}`, fieldErrors);
}

async function versionRow(db: Db, workflowId: string, version: number) {
  const [row] = await db
    .select({
      version: workflowVersions.version,
      definition: workflowVersions.definition,
      source: workflowVersions.source,
      createdAt: workflowVersions.createdAt,
      createdByName: users.name,
    })
    .from(workflowVersions)
    .leftJoin(users, eq(users.id, workflowVersions.createdById))
    .where(and(eq(workflowVersions.workflowId, workflowId), eq(workflowVersions.version, version)));
  if (!row) throw new NotFound("That version");
  return { ...row, definition: definitionSchema.parse(row.definition) };
}

/** The latest definition of a workflow the actor can see, with who saved it and the actor's level. */
export async function loadDefinition(db: Db, actor: Actor, workflowId: string) {
  const workflow = await requireWorkflow(db, actor, workflowId, "READ");
  return { workflow, ...(await versionRow(db, workflow.id, workflow.version)) };
}

/** One version of a workflow the actor can see. */
export async function getVersion(db: Db, actor: Actor, workflowId: string, version: number) {
  const workflow = await requireWorkflow(db, actor, workflowId, "READ");
  if (!Number.isInteger(version) || version < 1) throw new NotFound("That version");
  return { workflow, ...(await versionRow(db, workflow.id, version)) };
}

/** Every version of a workflow the actor can see, newest first, with who saved it and how. */
export async function listVersions(db: Db, actor: Actor, workflowId: string) {
  const workflow = await requireWorkflow(db, actor, workflowId, "READ");
  const rows = await db
    .select({
      version: workflowVersions.version,
      source: workflowVersions.source,
      createdAt: workflowVersions.createdAt,
      createdByName: users.name,
    })
    .from(workflowVersions)
    .leftJoin(users, eq(users.id, workflowVersions.createdById))
    .where(eq(workflowVersions.workflowId, workflow.id))
    .orderBy(desc(workflowVersions.version));
  return { workflow, versions: rows };
}

/** The conflict for a save based on `base` when others saved since: names who, so nothing is overwritten silently. */
async function staleSave(tx: Db, actor: Actor, workflowId: string, base: number): Promise<Conflict> {
  const later = await tx
    .select({ version: workflowVersions.version, byId: workflowVersions.createdById, byName: users.name })
    .from(workflowVersions)
    .leftJoin(users, eq(users.id, workflowVersions.createdById))
    .where(and(eq(workflowVersions.workflowId, workflowId), gt(workflowVersions.version, base)))
    .orderBy(asc(workflowVersions.version));
  if (later.length === 0) return new Conflict(`Version ${base} is not a version of this workflow. Reload the designer.`);
  const names = [...new Set(later.map((v) => (v.byId === actor.userId ? "You (in another tab)" : (v.byName ?? "Someone"))))];
  const who = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  const what = later.length === 1 ? `version ${later[0]!.version}` : `versions ${later[0]!.version}–${later.at(-1)!.version}`;
  return new Conflict(
    `${who} saved ${what} after you opened version ${base}, so your changes were not saved. Reload to see theirs, or save yours as a new copy.`,
  );
}

/**
 * Makes the stage rows match a new definition: updates kept stages, inserts new ones and marks dropped
 * ones removed. A stage that still holds items cannot be dropped. Ids that belong to another workflow
 * (an imported file, a pasted stage) get fresh ones. Returns the definition with the ids it stored.
 */
async function syncStages(tx: Db, workflowId: string, def: WorkflowDefinition, now: Date): Promise<WorkflowDefinition> {
  const rows = await tx.select().from(stages).where(eq(stages.workflowId, workflowId));
  const own = new Map(rows.map((r) => [r.id, r]));
  const foreign = def.stages.map((s) => s.id).filter((id) => !own.has(id));
  const taken = foreign.length
    ? new Set((await tx.select({ id: stages.id }).from(stages).where(inArray(stages.id, foreign))).map((r) => r.id))
    : new Set<string>();
  const stored = { ...def, stages: def.stages.map((s) => (taken.has(s.id) ? { ...s, id: randomUUID() } : s)) };
  const keep = new Set(stored.stages.map((s) => s.id));
  const dropped = rows.filter((r) => !r.removedAt && !keep.has(r.id));
  if (dropped.length > 0) {
    const held = await tx
      .select({ stageId: workItems.stageId, n: count(), archived: count(workItems.archivedAt) })
      .from(workItems)
      .where(inArray(workItems.stageId, dropped.map((d) => d.id)))
      .groupBy(workItems.stageId);
    if (held.length > 0) {
      const messages = held.map((h) => {
        const name = own.get(h.stageId)!.name;
        const archived = Number(h.archived) ? ` (${h.archived} archived)` : "";
        return `“${name}” still holds ${h.n} ${Number(h.n) === 1 ? "item" : "items"}${archived}; move them to another stage before removing it.`;
      });
      throw new Invalid(messages.join(" "), { stages: messages });
    }
    await tx
      .update(stages)
      .set({ removedAt: now })
      .where(inArray(stages.id, dropped.map((d) => d.id)));
  }
  for (const [position, s] of stored.stages.entries()) {
    const values = { name: s.name.trim(), type: s.type, position, config: stageConfigOf(s) };
    if (own.has(s.id)) await tx.update(stages).set({ ...values, removedAt: null }).where(eq(stages.id, s.id));
    else await tx.insert(stages).values({ ...values, id: s.id, workflowId });
  }
  return stored;
}

/**
 * Saves a definition as the workflow's next immutable version. The save names the version it was based
 * on; if someone saved since, it is refused with a Conflict saying who (no silent overwrite). An invalid
 * definition is refused with every problem. Stage rows follow the new version; audited as a save or import.
 */
export async function saveDefinition(db: Db, actor: Actor, input: unknown) {
  const { workflowId, baseVersion, definition, source } = parseInput(saveDefinitionInput, input);
  const def = checkDefinition(definition);
  return db.transaction(async (tx) => {
    const wf = await requireWorkflow(tx, actor, workflowId, "WRITE");
    const now = new Date();
    const [bumped] = await tx
      .update(workflows)
      .set({ version: sql`${workflows.version} + 1`, updatedAt: now })
      .where(and(eq(workflows.id, wf.id), eq(workflows.version, baseVersion)))
      .returning({ version: workflows.version });
    if (!bumped) throw await staleSave(tx, actor, wf.id, baseVersion);
    const before = await versionRow(tx, wf.id, baseVersion);
    const stored = await syncStages(tx, wf.id, def, now);
    await tx.insert(workflowVersions).values({ workflowId: wf.id, version: bumped.version, definition: stored, source, createdById: actor.userId });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: source === "import" ? "workflow.import" : "workflow.save",
      targetType: "workflow",
      targetId: wf.id,
      requestId: actor.requestId,
      details: { version: bumped.version, baseVersion, changes: summarizeDiff(diffDefinitions(before.definition, stored)) },
    });
    return { version: bumped.version, definition: stored, savedAt: now };
  });
}
