import { asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { runEvents, taskRuns } from "@/db/schema";
import { actorFor } from "@/db/testing/factories";
import { setSecret } from "@/lib/secrets/store";
import { graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, waitForRun } from "./testing";

const spy = spyExecutor(({ input }) => ({ echoed: input }));
const g = graph([task("deploy", { executor: { kind: "agent", role: "deployer" } })]);

describeEngine(
  "required secrets",
  (h) => {
    it("a run of a workflow whose required secret is missing fails at once, naming it, and runs nothing", async () => {
      const w = await automationWorkflow(h.db(), g, { requiredSecrets: ["DEPLOY_KEY", "SLACK_TOKEN"] });
      const owner = await actorFor(h.db(), w.owner.id);
      await setSecret(h.db(), owner, { scope: "user", name: "SLACK_TOKEN", value: "xoxb-123456" });
      const run = await startTestRun(h.db(), w);
      const done = await waitForRun(h.db(), run!.id);
      expect(done.status).toBe("failed");
      expect(done.error).toBe("This workflow needs the secret “DEPLOY_KEY”, which is not set for its owner Olive Owner. Add it in Settings → Secrets.");
      const tasks = await h.db().select().from(taskRuns).where(eq(taskRuns.runId, run!.id));
      expect(tasks.map((t) => t.status)).not.toContain("completed");
      expect(spy.of(run!.id)).toHaveLength(0);
      const events = await h.db().select().from(runEvents).where(eq(runEvents.runId, run!.id)).orderBy(asc(runEvents.seq));
      expect(JSON.stringify(events)).not.toContain("xoxb-123456");
    });

    it("runs once every required secret is set", async () => {
      const w = await automationWorkflow(h.db(), g, { requiredSecrets: ["DEPLOY_KEY"] });
      const owner = await actorFor(h.db(), w.owner.id);
      await setSecret(h.db(), owner, { scope: "user", name: "DEPLOY_KEY", value: "k-123456" });
      const run = await startTestRun(h.db(), w);
      expect((await waitForRun(h.db(), run!.id)).status).toBe("completed");
      expect(spy.of(run!.id)).toHaveLength(1);
    });
  },
  { executors: { agent: spy.fn } },
);
