import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { permissionGrants, teamMembers } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createItem, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import { agentContext } from "./service";
import { createSession } from "./sessions";
import { createRepo, useTempRepoRoot } from "./testing";

const repoRoot = useTempRepoRoot();
let n = 0;

describeDb("agents: a session's item in the context", (db) => {
  it("comes first in the bundle's messages while the actor can read it, and not once they cannot", async () => {
    const repo = `notes-${n++}`;
    createRepo(repoRoot(), repo, { "a.ts": "export const a = 1;\n" });
    const team = await createTeam(db());
    const user = await createUser(db(), { name: "Uma" });
    await addMember(db(), team.id, user.id, "member");
    // Instance-wide, so losing the team leaves her the right to use the agent, just not to read its items.
    await db().insert(permissionGrants).values({ userId: user.id, teamId: null, permission: "code.use", level: "WRITE" });
    const wf = await createWorkflow(db(), { ownerUserId: user.id, ownerTeamId: team.id, visibility: "team" });
    const item = await createItem(db(), { workflowId: wf.id, stageId: wf.stages[0]!.id, title: "Cache the price list" });
    const session = await createSession(db(), await actorFor(db(), user.id), { repo, workItemId: item.id });

    const bundle = await agentContext(db(), await actorFor(db(), user.id), { session_id: session.id });
    expect(bundle.messages[0]).toMatchObject({ role: "user", verb: "item", content: "Work item: Cache the price list" });

    await db().delete(teamMembers).where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, user.id)));
    const after = await agentContext(db(), await actorFor(db(), user.id), { session_id: session.id });
    expect(after.messages.map((m) => m.verb)).not.toContain("item");
    expect(JSON.stringify(after)).not.toContain("Cache the price list");
  });
});
