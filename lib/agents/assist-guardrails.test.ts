import { expect, it } from "vitest";
import { agentRecommendations } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import type { GuardrailCheck } from "@/lib/agents/catalog/schemas";
import { savePolicy } from "@/lib/catalog/policies";
import { moveItem } from "@/lib/work-items/move";
import { createItem } from "@/lib/work-items/service";
import { eq } from "drizzle-orm";
import { runAgentAssist } from "./assist";
import { createRepo, useTempRepoRoot } from "./testing";

/** The stage's guardrails around an agent-assist proposal: a block makes it an error, a flag or an approval tag holds auto-apply. */

const FILES = {
  "src/price.ts": "export function priceOf(cents: number) {\n  return cents / 100;\n}\n",
  "src/cart.ts": 'import { priceOf } from "./price";\n\nexport const total = (items: number[]) => items.reduce((s, c) => s + priceOf(c), 0);\n',
};
const repoRoot = useTempRepoRoot();
let n = 0;

describeDb("agent assist under guardrails", (db) => {
  /** Ann (team admin, so auto-apply may run) owns To do → Assist (auto-apply, `tags`) → Done; `policy` is her team's. */
  async function proposal(tags: string[], policy?: { tag: string; checks: GuardrailCheck[] }) {
    const name = `guarded-${n++}`;
    createRepo(repoRoot(), name, FILES);
    const team = await createTeam(db());
    const user = await createUser(db(), { name: "Ann" });
    await addMember(db(), team.id, user.id, "admin");
    const ann = await actorFor(db(), user.id);
    if (policy) await savePolicy(db(), ann, { ...policy, visibility: "team", teamId: team.id });
    const wf = await createWorkflow(db(), {
      ownerUserId: user.id,
      ownerTeamId: team.id,
      visibility: "team",
      stages: [
        { name: "To do" },
        { name: "Assist", type: "AGENT_ASSIST", config: { agentPrompt: "Rename priceOf to priceFor", agentTargetPath: name, agentAutoApply: true }, policyTags: tags },
        { name: "Done" },
      ],
    });
    const item = await createItem(db(), ann, { workflowId: wf.id, title: "Clearer names" });
    await moveItem(db(), ann, { id: item.id, toStageId: wf.stages[1]!.id });
    const [rec] = await db().select().from(agentRecommendations).where(eq(agentRecommendations.workItemId, item.id));
    return runAgentAssist(db(), rec!.id);
  }

  it("without tags, the patch is auto-applied as before", async () => {
    const done = await proposal([]);
    expect(done).toMatchObject({ status: "proposed", guardrails: [], autoApply: { ok: true } });
  });

  it("a blocking path allow-list turns the proposal into an error that names the paths", async () => {
    const done = await proposal(["docs-only"], { tag: "docs-only", checks: [{ kind: "path_allowlist", paths: ["docs/**"], action: "block" }] });
    expect(done!.status).toBe("error");
    expect(done!.error).toMatch(/^Guardrail “docs-only” blocked the call: .*src\/(cart|price)\.ts/);
    expect(done!.guardrails).toEqual([expect.objectContaining({ tag: "docs-only", kind: "path_allowlist", verdict: "block" })]);
    expect(done!.autoApply).toBeNull();
  });

  it("a flag keeps the proposal for review, shows the flag, and holds auto-apply", async () => {
    const done = await proposal(["small"], { tag: "small", checks: [{ kind: "patch_size", maxLines: 2, maxFiles: 50, action: "flag" }] });
    expect(done).toMatchObject({ status: "proposed", autoApply: null });
    expect(done!.patch).toContain("priceFor");
    expect(done!.guardrails).toEqual([expect.objectContaining({ tag: "small", kind: "patch_size", verdict: "flag" })]);
    expect(done!.notes.at(-1)).toBe("A guardrail flagged this proposal, so it was not applied automatically; review the flags.");
  });

  it("the needs-approval tag leaves the proposal for a person instead of auto-applying it", async () => {
    const done = await proposal(["needs-approval"]);
    expect(done).toMatchObject({ status: "proposed", autoApply: null });
    expect(done!.notes.at(-1)).toBe("Policy “needs-approval” asks a person to approve each agent call. It was not applied automatically.");
  });
});
