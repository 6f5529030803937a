import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { runs } from "@/db/schema";
import { actorFor, createTeamWithMembers, createUser } from "@/db/testing/factories";
import type { LlmConfig } from "@/lib/agents/catalog/schemas";
import { type ChatRequestBody, type OpenAiServer, type Script, startOpenAiServer } from "@/lib/agents/catalog/openai-test-server";
import { describeEngine, waitForRun } from "@/lib/engine/runtime/testing";
import { moveItem } from "@/lib/work-items/move";
import { createItem } from "@/lib/work-items/service";
import { createAgent, updateAgent } from "./agents";
import { bindRole } from "./bindings";
import { agentTask, callsOf, catalogSetup, startItemRun, writerWorkflow } from "./testing";

/**
 * Handoffs: an `llm` agent whose config lists other catalog agents is offered one `handoff_<name>` tool
 * per agent its workflow may use; calling it runs that agent once, records the call as its own
 * agent_calls row, and gives the result back to the model. Agents the workflow may not use are not offered.
 */

let model: OpenAiServer;
let script: Script = () => ({ content: "{}" });

beforeAll(async () => {
  vi.stubEnv("TANDEM_HTTP_ALLOW_HOSTS", "127.0.0.1");
  model = await startOpenAiServer((body, i) => script(body, i));
});
afterAll(async () => {
  await model.close();
  vi.unstubAllEnvs();
});

const llm = (handoffs: string[]): LlmConfig => ({
  kind: "llm",
  instructions: "You write release notes.",
  baseUrl: model.baseUrl,
  model: "test-model",
  apiKeySecret: "",
  temperature: 0,
  outputSchema: null,
  tools: [],
  handoffs,
  maxTurns: 5,
  pricing: { inputPerMTok: 0, outputPerMTok: 0 },
});

/** The tool names offered in one request to the model. */
const offered = (body: ChatRequestBody | undefined) => (body?.tools ?? []).map((t) => t.function.name).sort();

/** A model that answers at once, calling no tool. */
const answerAtOnce: Script = () => ({ content: JSON.stringify({ notes: "Written alone." }) });

/** Builtin agents `names` of a fresh team the workflows under test are not in. */
async function foreignAgents(db: Db, names: string[]) {
  const { team, actors } = await createTeamWithMembers(db, { members: ["Olga"] });
  const agents = [];
  for (const name of names) agents.push(await createAgent(db, actors[0], { name, config: { kind: "builtin" }, visibility: "team", teamId: team.id }));
  return agents;
}

describeEngine("llm agents handing off to catalog agents", (h) => {
  it("offers a same-team agent as handoff_<name>; calling it runs that agent once, records its call, and the model finishes with its answer", async () => {
    script = (body) => {
      const last = body.messages.at(-1)!;
      if (last.role !== "tool") return { toolCalls: [{ id: "call_h", name: "handoff_release_helper", args: { request: "Summarise the changes.", input: { changes: ["Faster boards"] } } }] };
      return { content: JSON.stringify({ notes: "Release notes", fromHelper: String(last.content) }) };
    };
    const s = await catalogSetup(h.db(), { config: llm([]), tasks: [agentTask("notes", "writer")] });
    const helper = await createAgent(h.db(), s.ann, { name: "Release helper", description: "Summarises changes.", config: { kind: "builtin" }, visibility: "team", teamId: s.team.id });
    await updateAgent(h.db(), s.ann, { agentId: s.agent.id, baseVersion: 1, name: "Scribe", capabilities: ["docs.write"], config: llm([helper.id]) });
    const before = model.requests.length;

    const run = await startItemRun(h.db(), s);
    const done = await waitForRun(h.db(), run.id);
    expect(done.status).toBe("completed");

    const requests = model.requests.slice(before);
    expect(requests).toHaveLength(2);
    expect(offered(requests[0])).toEqual(["handoff_release_helper"]);
    expect(requests[0]!.tools![0]!.function.description).toContain("Summarises changes.");
    const toolMessage = requests[1]!.messages.at(-1)!;
    expect(toolMessage.role).toBe("tool");
    expect(String(toolMessage.content)).toContain("Summarise the changes.");
    expect((done.output as { fromHelper: string }).fromHelper).toContain("Summarise the changes.");

    const calls = await callsOf(h.db(), run.id);
    expect(calls.map((c) => [c.roleId, c.catalogAgentId, c.agentVersion, c.engine, c.status])).toEqual([
      ["writer → Release helper", helper.id, 1, "builtin", "ok"],
      ["writer", s.agent.id, 2, "llm", "ok"],
    ]);
  });

  it("does not offer a handoff to another team's agent", async () => {
    script = answerAtOnce;
    const s = await catalogSetup(h.db(), { config: llm([]), tasks: [agentTask("notes", "writer")] });
    const helper = await createAgent(h.db(), s.ann, { name: "Team helper", config: { kind: "builtin" }, visibility: "team", teamId: s.team.id });
    const [outsider] = await foreignAgents(h.db(), ["Outsider"]);
    await updateAgent(h.db(), s.ann, { agentId: s.agent.id, baseVersion: 1, name: "Scribe", capabilities: ["docs.write"], config: llm([helper.id, outsider!.id]) });
    const before = model.requests.length;

    const run = await startItemRun(h.db(), s);
    expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
    expect(offered(model.requests[before])).toEqual(["handoff_team_helper"]);
    expect((await callsOf(h.db(), run.id)).map((c) => c.catalogAgentId)).toEqual([s.agent.id]);
  });

  // `audienceProblem` lets a personal workflow use any team agent (binding has already checked that the
  // binder sees it); a handoff target is never bound, so the owner's membership must be checked here.
  it("does not offer a personal workflow a handoff to an agent of a team its owner is not in", async () => {
    script = answerAtOnce;
    const pat = await actorFor(h.db(), (await createUser(h.db(), { name: "Pat" })).id);
    const [outsider] = await foreignAgents(h.db(), ["Hidden expert"]);
    const wf = await writerWorkflow(h.db(), { owner: pat });
    const mine = await createAgent(h.db(), pat, { name: "Pat's scribe", config: llm([outsider!.id]), capabilities: ["docs.write"], visibility: "personal" });
    await bindRole(h.db(), pat, { workflowId: wf.id, roleId: "writer", agentId: mine.id });
    const before = model.requests.length;

    const item = await createItem(h.db(), pat, { workflowId: wf.id, title: "Write the release notes" });
    await moveItem(h.db(), pat, { id: item.id, toStageId: wf.stages[1]!.id });
    const run = await vi.waitFor(
      async () => {
        const [row] = await h.db().select().from(runs).where(eq(runs.workItemId, item.id));
        if (!row) throw new Error("no run yet");
        return row;
      },
      { timeout: 5_000, interval: 25 },
    );
    expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
    expect(offered(model.requests[before])).toEqual([]);
  });
});
