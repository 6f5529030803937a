import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { teamMembers, type Workflow } from "@/db/schema";
import type { LlmConfig } from "@/lib/agents/catalog/schemas";
import type { LlmTool } from "@/lib/agents/catalog/llm-runner";
import { type HttpPolicy, runHttp } from "@/lib/engine/executors/http";
import type { ExecutorContext } from "@/lib/engine/executors/types";
import { resolveMany } from "@/lib/secrets/store";
import { audienceProblem } from "./bindings";
import { type CallIdentity, saveCall } from "./call-store";
import { type AgentRequest, type KindResult, callBuiltin, callHttpAgent, callLlmAgent } from "./kinds";
import { agentAt } from "./pins";
import { costMicros } from "./spend";

/**
 * The tools an `llm` agent may call: its own (HTTP endpoints taking the arguments as JSON, through the
 * same host allow-list as HTTP tasks) and one `handoff_<name>` per agent it may hand a sub-task to. A
 * handoff runs the other agent once, records that call on the same task run, and returns its output.
 */

export type ToolContext = {
  policy: HttpPolicy;
  ctx: ExecutorContext;
  who: CallIdentity;
  secretValues: string[];
  owner: { userId: string | null; teamId: string | null };
  wf: Pick<Workflow, "visibility" | "ownerTeamId" | "ownerUserId">;
  req: AgentRequest;
};

async function isMember(db: Db, teamId: string | null, userId: string): Promise<boolean> {
  if (!teamId) return false;
  const [row] = await db.select({ userId: teamMembers.userId }).from(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return row !== undefined;
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 50) || "agent";

const HANDOFF_PARAMETERS = {
  type: "object",
  properties: {
    request: { type: "string", description: "What the other agent should do." },
    input: { type: "object", description: "The data it needs." },
  },
  required: ["request"],
};

/** The tool list an llm agent is offered, and the function that carries out a call of one. */
export async function toolsFor(db: Db, cfg: LlmConfig, t: ToolContext): Promise<{ specs: LlmTool[]; execute: (name: string, args: unknown, signal: AbortSignal) => Promise<unknown> }> {
  const specs: LlmTool[] = cfg.tools.map((x) => ({ name: x.name, description: x.description, parameters: x.parameters, requiresApproval: x.requiresApproval }));
  const handoffs = new Map<string, string>();
  for (const id of cfg.handoffs) {
    const target = await agentAt(db, id);
    if (!target || target.agent.archivedAt || audienceProblem({ ...target.agent, teamName: null }, t.wf)) continue;
    // A personal workflow reaches only the team agents its owner could see (binding checks the binder; this the owner).
    if (t.wf.visibility === "personal" && target.agent.visibility === "team" && !(await isMember(db, target.agent.ownerTeamId, t.wf.ownerUserId))) continue;
    const name = `handoff_${slug(target.agent.name)}`;
    if (handoffs.has(name)) continue;
    handoffs.set(name, id);
    specs.push({
      name,
      description: `Hand a sub-task to the agent “${target.agent.name}”${target.version.description ? `: ${target.version.description}` : ""}. It answers once with its result.`,
      parameters: HANDOFF_PARAMETERS,
      requiresApproval: false,
    });
  }
  const execute = async (name: string, args: unknown, signal: AbortSignal): Promise<unknown> => {
    const tool = cfg.tools.find((x) => x.name === name);
    if (tool) {
      const ctx = { ...t.ctx, signal, idempotencyKey: `${t.ctx.idempotencyKey}:${name}` };
      const res = await runHttp({ method: "POST", url: tool.url, headers: { "content-type": "application/json", accept: "application/json" }, body: args ?? {} }, ctx, t.policy);
      return res.body;
    }
    const targetId = handoffs.get(name);
    if (!targetId) throw new Error(`No tool named ${name}.`);
    return handoff(db, targetId, args, signal, t);
  };
  return { specs, execute };
}

/** Runs a handoff's target once (its own tools that need approval are left out: nobody is there to approve mid-call). */
async function handoff(db: Db, agentId: string, args: unknown, signal: AbortSignal, t: ToolContext): Promise<unknown> {
  const target = (await agentAt(db, agentId))!;
  const a = (args ?? {}) as { request?: unknown; input?: unknown };
  const req: AgentRequest = { ...t.req, agentName: target.agent.name, prompt: String(a.request ?? ""), input: a.input ?? {}, outputSchema: null };
  const who: CallIdentity = { ...t.who, catalogAgentId: target.agent.id, agentVersion: target.version.version, engine: target.agent.kind, roleId: `${t.who.roleId} → ${target.agent.name}` };
  const cfg = target.version.config;
  const started = performance.now();
  let result: KindResult;
  try {
    if (cfg.kind === "builtin") result = await callBuiltin(req);
    else {
      const secretName = cfg.kind === "http" ? cfg.authSecret : cfg.apiKeySecret || "LLM_API_KEY";
      const secret = secretName ? ((await resolveMany(db, t.owner, [secretName])).get(secretName) ?? null) : null;
      if (cfg.kind === "http") result = await callHttpAgent(cfg, req, { ctx: { ...t.ctx, signal }, policy: t.policy, authToken: secret });
      else {
        const own = { ...cfg, tools: cfg.tools.filter((x) => !x.requiresApproval), handoffs: [] };
        const tools = await toolsFor(db, own, { ...t, req });
        result = await callLlmAgent(own, req, { apiKey: secret ?? (process.env.TANDEM_LLM_API_KEY?.trim() || null), policy: t.policy, signal, tools: tools.specs, executeTool: tools.execute });
      }
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await saveCall(db, null, who, { status: "failed", model: null, usage: { inputTokens: 0, outputTokens: 0 }, costMicros: 0, latencyMs: performance.now() - started, transcript: [], guardrails: [], error: message }, t.secretValues);
    throw err;
  }
  if (result.status !== "done") throw new Error(`The agent “${target.agent.name}” stopped without an answer.`);
  const pricing = cfg.kind === "builtin" ? undefined : cfg.pricing;
  await saveCall(
    db,
    null,
    who,
    { status: "ok", model: result.model, usage: result.usage, costMicros: costMicros(result.usage, pricing), latencyMs: performance.now() - started, transcript: result.transcript, guardrails: [] },
    t.secretValues,
  );
  return result.output;
}
