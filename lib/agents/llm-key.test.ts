import { eq } from "drizzle-orm";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { agentCalls, agentRecommendations, auditLog } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import { setSecret } from "@/lib/secrets/store";
import { moveItem } from "@/lib/work-items/move";
import { createItem } from "@/lib/work-items/service";
import { runAgentAssist } from "./assist";
import { agentPlan } from "./service";
import { createRepo, tempRepoRoot } from "./testing";

/** A loopback OpenAI-compatible server that answers every chat completion with one plan and keeps the keys it was sent. */
let server: Server;
const keys: (string | undefined)[] = [];
const plan = { summary: "Round totals to cents.", steps: [{ title: "Round in cart.ts", description: "", risk: "low", estimate_minutes: 10, files: ["cart.ts"] }], risks: [] };

let root: string;
const saved = { ...process.env };
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      keys.push(req.headers.authorization);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          id: "c1",
          object: "chat.completion",
          created: 1,
          model: "local-model",
          choices: [{ index: 0, message: { role: "assistant", content: JSON.stringify(plan) }, finish_reason: "stop" }],
          usage: { prompt_tokens: 40, completion_tokens: 20, total_tokens: 60 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  root = tempRepoRoot();
  Object.assign(process.env, {
    TANDEM_REPO_ROOTS: root,
    TANDEM_LLM_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    TANDEM_LLM_MODEL: "local-model",
    TANDEM_LLM_API_KEY: "sk-from-the-environment",
  });
});
afterAll(async () => {
  for (const k of ["TANDEM_REPO_ROOTS", "TANDEM_LLM_BASE_URL", "TANDEM_LLM_MODEL", "TANDEM_LLM_API_KEY"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  keys.length = 0;
});

// Module-wide, so the suite's run on each driver makes repositories of its own.
let n = 0;

describeDb("agents: the model's key from stored secrets", (db) => {
  async function world() {
    const name = `cart-${n++}`;
    createRepo(root, name, { "cart.ts": "export const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n" });
    const team = await createTeam(db());
    const ann = await createUser(db(), { name: "Ann" });
    await addMember(db(), team.id, ann.id, "admin");
    return { name, team, ann: await actorFor(db(), ann.id) };
  }

  it("a person's LLM_API_KEY secret is the key their plans send; without it, the environment's", async () => {
    const { name, ann } = await world();
    await agentPlan(db(), ann, { repo: name, goal: "Round totals to cents" });
    await setSecret(db(), ann, { scope: "user", name: "LLM_API_KEY", value: "sk-anns-own-key" });
    const answer = await agentPlan(db(), ann, { repo: name, goal: "Round totals to cents" });
    expect(answer).toMatchObject({ engine: "openai-compatible", model: "local-model", plan: { summary: "Round totals to cents." } });
    expect(keys).toEqual(["Bearer sk-from-the-environment", "Bearer sk-anns-own-key"]);
    const calls = await db().select().from(agentCalls).where(eq(agentCalls.userId, ann.userId));
    expect(calls.map((c) => [c.engine, c.inputTokens, c.outputTokens, c.ok])).toEqual([
      ["openai-compatible", 40, 20, true],
      ["openai-compatible", 40, 20, true],
    ]);
    const audit = JSON.stringify(await db().select().from(auditLog));
    expect(audit).not.toContain("sk-anns-own-key");
  });

  it("an agent-assist stage sends the key its workflow's team stores", async () => {
    const { name, team, ann } = await world();
    await setSecret(db(), ann, { scope: "team", teamId: team.id, name: "LLM_API_KEY", value: "sk-team-key" });
    const wf = await createWorkflow(db(), {
      ownerUserId: ann.userId,
      ownerTeamId: team.id,
      visibility: "team",
      stages: [{ name: "To do" }, { name: "Assist", type: "AGENT_ASSIST", config: { agentPrompt: "Round totals to cents", agentTargetPath: name } }],
    });
    const item = await createItem(db(), ann, { workflowId: wf.id, title: "Cents" });
    await moveItem(db(), ann, { id: item.id, toStageId: wf.stages[1]!.id });
    const [pending] = await db().select().from(agentRecommendations).where(eq(agentRecommendations.workItemId, item.id));
    const done = await runAgentAssist(db(), pending!.id);
    expect(done).toMatchObject({ status: "proposed", engine: "openai-compatible", inputTokens: 40, outputTokens: 20 });
    expect(keys).toEqual(["Bearer sk-team-key"]);
  });
});
