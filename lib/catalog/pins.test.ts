import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { runAgentPins } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { updateAgent } from "./agents";
import { bindRole } from "./bindings";
import { pinAgent } from "./pins";
import { agentTask, catalogSetup, startItemRun } from "./testing";

/**
 * A run uses one version of each role's agent: its first call pins the bound agent's latest version and
 * every later call reads the pin, so an edit mid-run reaches only runs that start after it. No engine
 * runs here: the tests call `pinAgent` as the worker would.
 */

describeDb("catalog: run pins", (db) => {
  const setup = () => catalogSetup(db(), { config: { kind: "builtin" }, tasks: [agentTask("notes", "writer")] });
  const pin = (s: Awaited<ReturnType<typeof setup>>, runId: string, roleId = "writer") => pinAgent(db(), { runId, workflowId: s.wf.id, roleId });
  /** Saves a new version of the setup's agent, described as `description`. */
  const edit = (s: Awaited<ReturnType<typeof setup>>, baseVersion: number, description: string) =>
    updateAgent(db(), s.ann, { agentId: s.agent.id, baseVersion, name: s.agent.name, description, capabilities: ["docs.write"], config: { kind: "builtin" } });
  const pinsOf = (runId: string) => db().select().from(runAgentPins).where(eq(runAgentPins.runId, runId));

  it("pins the bound agent's current version on a run's first call", async () => {
    const s = await setup();
    await edit(s, 1, "Second.");
    const run = await startItemRun(db(), s);
    const pinned = await pin(s, run.id);
    expect(pinned).toMatchObject({ agent: { id: s.agent.id }, version: { agentId: s.agent.id, version: 2, description: "Second." } });
    expect((await pinsOf(run.id)).map((p) => [p.roleId, p.agentId, p.version])).toEqual([["writer", s.agent.id, 2]]);
  });

  it("keeps a run on the version it pinned after the agent is edited", async () => {
    const s = await setup();
    const run = await startItemRun(db(), s);
    await pin(s, run.id);
    await edit(s, 1, "Edited mid-run.");
    const again = await pin(s, run.id);
    expect(again?.version).toMatchObject({ version: 1, description: "" });
    expect((await pinsOf(run.id)).map((p) => p.version)).toEqual([1]);
  });

  it("gives a run that starts after the edit the new version", async () => {
    const s = await setup();
    const before = await startItemRun(db(), s, "Before the edit");
    await pin(s, before.id);
    await edit(s, 1, "Edited.");
    const after = await startItemRun(db(), s, "After the edit");
    expect((await pin(s, after.id))?.version).toMatchObject({ version: 2, description: "Edited." });
    expect((await pin(s, before.id))?.version.version).toBe(1);
  });

  it("pins nothing for a role with no agent bound", async () => {
    const s = await setup();
    await bindRole(db(), s.ann, { workflowId: s.wf.id, roleId: "writer", agentId: null });
    const run = await startItemRun(db(), s);
    expect(await pin(s, run.id)).toBeNull();
    expect(await pinsOf(run.id)).toEqual([]);
  });
});
