import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { teams, users, workflows } from "@/db/schema";
import { missingSecretsMessage, resolveMany } from "./store";

/**
 * The secrets a workflow's settings require, resolved for its owner (the owning user's own first, then the
 * owning team's). A run or agent call that lacks one is blocked with `missing`, a message naming them.
 */
export async function workflowSecrets(
  db: Db,
  workflowId: string,
  names: string[],
): Promise<{ values: Record<string, string>; missing: string | null }> {
  if (names.length === 0) return { values: {}, missing: null };
  const [wf] = await db
    .select({ ownerUserId: workflows.ownerUserId, ownerTeamId: workflows.ownerTeamId, teamName: teams.name, ownerName: users.name })
    .from(workflows)
    .leftJoin(teams, eq(teams.id, workflows.ownerTeamId))
    .leftJoin(users, eq(users.id, workflows.ownerUserId))
    .where(eq(workflows.id, workflowId));
  if (!wf) return { values: {}, missing: "The workflow no longer exists." };
  const found = await resolveMany(db, { userId: wf.ownerUserId, teamId: wf.ownerTeamId }, names);
  const absent = [...new Set(names)].filter((n) => !found.has(n));
  const values = Object.fromEntries([...found]);
  if (absent.length === 0) return { values, missing: null };
  const places = [wf.teamName ? `the team ${wf.teamName}` : null, wf.ownerName ? `its owner ${wf.ownerName}` : null];
  return { values, missing: missingSecretsMessage("This workflow", absent, places) };
}
