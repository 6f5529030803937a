import { type SQL, and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { secrets, teams, users } from "@/db/schema";
import { type Actor, permissionLevel } from "@/lib/auth/actor";
import { atLeast } from "@/lib/auth/permissions";
import { appendAudit } from "@/lib/audit/log";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { decryptSecret, encryptSecret } from "./crypto";
import { SECRET_NAME, type SecretGroup, type SecretScope, type SecretView, deleteSecretInput, listSecretsInput, setSecretInput } from "./schemas";

/**
 * Named secrets of a team or a user (GITHUB_TOKEN, an LLM key), encrypted at rest. People set, replace,
 * list (names only) and delete them; runs and agents read them through `resolveSecret`/`requireSecrets`,
 * never a page or an API answer. A team's secrets are changed by its admins (`workflows.manage` ADMIN) and
 * listed by its members; a team the actor is not in reads as an unknown one.
 * `created_by_id` is rewritten on each replacement, so it names who last set the value.
 */

export type SecretOwner = { userId: string | null; teamId: string | null };
type Scope = { scope: SecretScope; teamId?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MASK = "••••";

/** The row owner a scope stands for, after checking the actor may read (or, with `manage`, change) it. */
function ownerOf(actor: Actor, { scope, teamId }: Scope, manage: boolean): SecretOwner {
  if (scope === "user") return { userId: actor.userId, teamId: null };
  // Membership decides visibility, for instance admins too: they see only their own teams' secrets.
  const membership = teamId && UUID.test(teamId) ? actor.memberships.find((m) => m.teamId === teamId) : undefined;
  if (!membership) throw new NotFound("The team");
  if (manage && !atLeast(permissionLevel(actor, "workflows.manage", membership.teamId), "ADMIN")) {
    throw new Forbidden(`Only admins of ${membership.teamName} can change its secrets.`);
  }
  return { userId: null, teamId: membership.teamId };
}

/** The WHERE for one owner's secrets (exactly one of the two ids is set). */
function ownedBy(owner: SecretOwner): SQL {
  return owner.userId
    ? (and(eq(secrets.userId, owner.userId), isNull(secrets.teamId)) as SQL)
    : (and(eq(secrets.teamId, owner.teamId!), isNull(secrets.userId)) as SQL);
}

/** Creates or replaces a named secret of the actor or of a team they administer; audited without its value. */
export async function setSecret(db: Db, actor: Actor, input: unknown): Promise<SecretView> {
  const data = parseInput(setSecretInput, input);
  const owner = ownerOf(actor, data, true);
  const now = new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(secrets)
      .values({ ...owner, name: data.name, ciphertext: encryptSecret(data.value), createdById: actor.userId, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [secrets.teamId, secrets.userId, secrets.name],
        set: { ciphertext: sql`excluded.ciphertext`, createdById: actor.userId, updatedAt: now },
      })
      // xmax is 0 only on a row this statement inserted: tells a new secret from a replaced one in one trip.
      .returning({ id: secrets.id, updatedAt: secrets.updatedAt, created: sql<boolean>`(xmax = 0)` });
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "secret.set",
      targetType: "secret",
      targetId: row!.id,
      requestId: actor.requestId,
      details: { scope: data.scope, teamId: owner.teamId, name: data.name, replaced: !row!.created },
    });
    return { name: data.name, scope: data.scope, teamId: owner.teamId, updatedAt: row!.updatedAt.toISOString(), updatedByName: actor.name };
  });
}

/** The names of the actor's or a team's secrets, by name, with who set each last; never values. */
export async function listSecrets(db: Db, actor: Actor, input: unknown): Promise<SecretView[]> {
  const data = parseInput(listSecretsInput, input);
  const owner = ownerOf(actor, data, false);
  const rows = await db
    .select({ name: secrets.name, updatedAt: secrets.updatedAt, updatedByName: users.name })
    .from(secrets)
    .leftJoin(users, eq(users.id, secrets.createdById))
    .where(ownedBy(owner))
    .orderBy(asc(secrets.name));
  return rows.map((r) => ({ name: r.name, scope: data.scope, teamId: owner.teamId, updatedAt: r.updatedAt.toISOString(), updatedByName: r.updatedByName }));
}

/** Deletes a named secret of the actor or of a team they administer; an unknown name is not found. */
export async function deleteSecret(db: Db, actor: Actor, input: unknown): Promise<{ name: string; scope: SecretScope; teamId: string | null }> {
  const data = parseInput(deleteSecretInput, input);
  const owner = ownerOf(actor, data, true);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(secrets)
      .where(and(ownedBy(owner), eq(secrets.name, data.name)))
      .returning({ id: secrets.id });
    if (!row) throw new NotFound("The secret");
    await appendAudit(tx, {
      actorId: actor.userId,
      action: "secret.delete",
      targetType: "secret",
      targetId: row.id,
      requestId: actor.requestId,
      details: { scope: data.scope, teamId: owner.teamId, name: data.name },
    });
    return { name: data.name, scope: data.scope, teamId: owner.teamId };
  });
}

/** The actor's own secrets, then each of their teams' (by team name), for the settings page. */
export async function listSecretGroups(db: Db, actor: Actor): Promise<SecretGroup[]> {
  const scopes: (Scope & { label: string })[] = [
    { scope: "user", label: "Yours" },
    ...actor.memberships.map((m) => ({ scope: "team" as const, teamId: m.teamId, label: m.teamName })),
  ];
  return Promise.all(
    scopes.map(async ({ label, ...scope }) => ({
      scope: scope.scope,
      teamId: scope.teamId ?? null,
      label,
      canManage: scope.scope === "user" || atLeast(permissionLevel(actor, "workflows.manage", scope.teamId!), "ADMIN"),
      secrets: await listSecrets(db, actor, scope),
    })),
  );
}

/**
 * The stored values of `names` for an owner, the user's own winning over the team's. For internal use: the caller
 * decides on whose behalf (a run's starter and its workflow's team), so no actor is checked here.
 */
export async function resolveMany(db: Db, owner: SecretOwner, names: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(names)].filter((n) => SECRET_NAME.test(n));
  const owners = [owner.userId ? ownedBy({ userId: owner.userId, teamId: null }) : undefined, owner.teamId ? ownedBy({ userId: null, teamId: owner.teamId }) : undefined].filter(
    (w): w is SQL => w !== undefined,
  );
  if (valid.length === 0 || owners.length === 0) return new Map();
  const rows = await db
    .select({ name: secrets.name, userId: secrets.userId, ciphertext: secrets.ciphertext })
    .from(secrets)
    .where(and(inArray(secrets.name, valid), or(...owners)));
  const found = new Map<string, string>();
  for (const row of rows.sort((a, b) => Number(a.userId !== null) - Number(b.userId !== null))) {
    try {
      found.set(row.name, decryptSecret(row.ciphertext));
    } catch (err) {
      throw new Error(`The secret “${row.name}” cannot be used. ${(err as Error).message}`);
    }
  }
  return found;
}

/**
 * Every stored value an owner has (the user's own and the team's), for masking and detecting them in
 * agent transcripts and output: a value the agent should never repeat is one it might have been shown.
 */
export async function ownerSecretValues(db: Db, owner: SecretOwner): Promise<string[]> {
  const owners = [owner.userId ? ownedBy({ userId: owner.userId, teamId: null }) : undefined, owner.teamId ? ownedBy({ userId: null, teamId: owner.teamId }) : undefined].filter(
    (w): w is SQL => w !== undefined,
  );
  if (owners.length === 0) return [];
  const rows = await db.select({ ciphertext: secrets.ciphertext }).from(secrets).where(or(...owners));
  const values: string[] = [];
  for (const row of rows) {
    try {
      values.push(decryptSecret(row.ciphertext));
    } catch {
      // A value that cannot be decrypted cannot be used either, so it cannot leak through an agent.
    }
  }
  return values;
}

/** A secret's value for internal use (runs, agents): the user's own first, then the team's; null when neither is set. */
export async function resolveSecret(db: Db, owner: SecretOwner, name: string): Promise<string | null> {
  return (await resolveMany(db, owner, [name])).get(name) ?? null;
}

/**
 * The values of every named secret, or Invalid naming each missing one and where it was looked for, so a
 * person knows what to add in Settings → Secrets.
 */
export async function requireSecrets(db: Db, owner: SecretOwner, names: string[]): Promise<Record<string, string>> {
  const found = await resolveMany(db, owner, names);
  const missing = [...new Set(names)].filter((n) => !found.has(n));
  if (missing.length > 0) throw new Invalid(await missingMessage(db, owner, missing));
  return Object.fromEntries(names.map((n) => [n, found.get(n)!]));
}

async function missingMessage(db: Db, owner: SecretOwner, missing: string[]): Promise<string> {
  const [team] = owner.teamId ? await db.select({ name: teams.name }).from(teams).where(eq(teams.id, owner.teamId)) : [];
  return missingSecretsMessage("This", missing, [team ? `the team ${team.name}` : null, owner.userId ? "you" : null]);
}

/** "<Subject> needs the secret “A”, which is not set for <the places>. Add it in Settings → Secrets." */
export function missingSecretsMessage(subject: string, missing: string[], places: (string | null)[]): string {
  const quoted = missing.map((n) => `“${n}”`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
  const where = places.filter(Boolean).join(" or for ");
  const what = missing.length === 1 ? `the secret ${list}, which is` : `the secrets ${list}, which are`;
  return `${subject} needs ${what} not set${where ? ` for ${where}` : ""}. Add ${missing.length === 1 ? "it" : "them"} in Settings → Secrets.`;
}

/**
 * Replaces every secret value (of four characters or more; shorter ones would blot out ordinary text) with
 * “••••”, as written and as escaped inside JSON, before text goes to logs, events or API answers.
 */
export function maskSecrets(text: string, values: string[]): string {
  const forms = new Set<string>();
  for (const v of values) {
    if (typeof v !== "string" || v.length < 4) continue;
    forms.add(v);
    const escaped = JSON.stringify(v).slice(1, -1);
    if (escaped !== v) forms.add(escaped);
  }
  // Longest first, so a value that contains another is masked whole.
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(MASK);
  return out;
}
