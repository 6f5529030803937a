import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { agentRecommendations } from "@/db/schema";
import { createItem, createUser, createWorkflow } from "@/db/testing/factories";
import { describeEngine } from "@/lib/engine/runtime/testing";
import { rewakePendingRecommendations, runAgentAssist } from "./assist";
import { createRepo, useTempRepoRoot } from "./testing";

const repoRoot = useTempRepoRoot();

describeEngine(
  "agent assist: a recommendation pending at start-up",
  (h) => {
    it("is worked on again once woken, and only once", async () => {
      const repo = `app-${h.driver}`;
      createRepo(repoRoot(), repo, { "src/a.ts": "export const a = 1;\n" });
      const owner = await createUser(h.db(), { name: "Olive" });
      const wf = await createWorkflow(h.db(), {
        ownerUserId: owner.id,
        stages: [{ name: "Assist", type: "AGENT_ASSIST", config: { agentPrompt: "Look over src", agentTargetPath: repo } }],
      });
      const item = await createItem(h.db(), { workflowId: wf.id, stageId: wf.stages[0]!.id });
      // As a crash leaves it: the row pending, its job gone.
      const [rec] = await h
        .db()
        .insert(agentRecommendations)
        .values({ workflowId: wf.id, workItemId: item.id, stageId: wf.stages[0]!.id, goal: "Look over src", targetPath: repo })
        .returning();
      expect(await rewakePendingRecommendations(h.db())).toBeGreaterThanOrEqual(1);
      const status = async () => (await h.db().select().from(agentRecommendations).where(eq(agentRecommendations.id, rec!.id)))[0]!.status;
      await expect.poll(status, { timeout: 15_000 }).toBe("proposed");
      expect(await runAgentAssist(h.db(), rec!.id)).toBeNull();
    });
  },
  { engine: { onAgent: async (db, id) => void (await runAgentAssist(db, id)) } },
);
