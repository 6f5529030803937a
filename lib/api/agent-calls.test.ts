import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { agentCalls, runs, taskRuns } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { createWorkflow } from "@/db/testing/factories";
import type { Gate, GuardrailResult, TranscriptEntry } from "@/lib/agents/catalog/schemas";
import { createAgent } from "@/lib/catalog/agents";
import { bindRole } from "@/lib/catalog/bindings";
import { agentDecisionResponse, runAgentCallsResponse, workflowSpendResponse } from "./agent-call-schemas";
import { catalogApi, createCatalogWorld, reviewGraph } from "./catalog-testing";
import { startRun } from "./runs-testing";
import { MISSING_ID } from "./workflows-testing";

const transcript: TranscriptEntry[] = [
  { type: "system", text: "You review diffs." },
  { type: "user", text: "Review this." },
  { type: "tool_call", id: "c1", tool: "read_file", args: { path: "src/a.ts" }, requiresApproval: true },
];
const guardrails: GuardrailResult[] = [{ tag: "secrets", kind: "secrets", phase: "output", verdict: "pass", reason: "No credentials found." }];
const toolGate: Gate = { kind: "tool", reason: "“read_file” needs a person's approval.", tool: { id: "c1", name: "read_file", args: { path: "src/a.ts" } } };

describeDb("REST API: agent calls, decisions and spend", (db) => {
  let w: Awaited<ReturnType<typeof createCatalogWorld>>;
  let agentId: string;
  beforeAll(async () => {
    w = await createCatalogWorld(db());
    const agent = await createAgent(db(), w.people.owner, { name: "Reviewer", capabilities: ["code.review"], config: { kind: "builtin" }, teamId: w.teamA });
    agentId = agent.id;
    await bindRole(db(), w.people.owner, { workflowId: w.reviewed.id, roleId: "reviewer", agentId });
  });
  const api = catalogApi(db, () => w.tokens);

  /**
   * A run of `reviewed` whose “review” task made one finished call and now waits on a second one (a tool
   * that needs approval), as the engine leaves it. No worker runs here: the rows are written directly.
   */
  async function waitingRun(wf: { id: string; stages: { id: string }[] } = w.reviewed) {
    const run = await startRun(db(), w, wf);
    const [task] = await db().select().from(taskRuns).where(and(eq(taskRuns.runId, run.id), eq(taskRuns.taskKey, "review")));
    const call = { workflowId: wf.id, runId: run.id, taskRunId: task!.id, iteration: 1, catalogAgentId: agentId, agentVersion: 1, roleId: "reviewer", verb: "task", engine: "builtin" };
    await db()
      .insert(agentCalls)
      .values([
        { ...call, model: "m-1", status: "ok", ok: true, inputTokens: 1_200, outputTokens: 300, costMicros: 8_100, latencyMs: 420, transcript: transcript.slice(0, 2), guardrails },
        { ...call, model: "m-1", status: "waiting", ok: false, inputTokens: 100, outputTokens: 20, costMicros: 600, latencyMs: 90, transcript, guardrails: [], gate: toolGate },
      ]);
    await db().update(taskRuns).set({ status: "waiting", waitingFor: "agent", attempt: 1, startedAt: new Date() }).where(eq(taskRuns.id, task!.id));
    await db().update(runs).set({ status: "waiting_approval" }).where(eq(runs.id, run.id));
    return run;
  }

  it("answers a run's agent calls with transcripts, tokens, cost, guardrails, gate and spend", async () => {
    const run = await waitingRun();
    const res = await api.agentCalls("viewer", run.id);
    expect(res.status).toBe(200);
    expect(runAgentCallsResponse.parse(res.body)).toEqual(res.body);
    const [done, waiting] = res.body.calls;
    expect(done).toMatchObject({
      taskKey: "review",
      iteration: 1,
      roleId: "reviewer",
      agent: { id: agentId, name: "Reviewer", version: 1 },
      status: "ok",
      inputTokens: 1_200,
      outputTokens: 300,
      costUsd: 0.0081,
      transcript: transcript.slice(0, 2),
      guardrails,
      gate: null,
    });
    expect(waiting).toMatchObject({ status: "waiting", gate: toolGate, transcript });
    expect(res.body.spend).toEqual({
      total: { calls: 2, inputTokens: 1_300, outputTokens: 320, costUsd: 0.0087 },
      byTask: { review: { calls: 2, inputTokens: 1_300, outputTokens: 320, costUsd: 0.0087 } },
    });
  });

  it("answers another team's run, a missing run and a malformed id with 404 on both run routes", async () => {
    const foreign = await startRun(db(), w, w.foreign, { n: 1 }, "otherTeam");
    for (const id of [foreign.id, MISSING_ID, "not-a-run"]) {
      const answers = await Promise.all([api.agentCalls("owner", id), api.decide("owner", id, { approve: true })]);
      for (const a of answers) expect(a.body, id).toEqual({ error: { code: "not_found", message: "Run was not found." } });
    }
    expect((await api.agentCalls("otherTeam", foreign.id)).body).toEqual({ calls: [], spend: { total: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 }, byTask: {} } });
    expect((await api.agentCalls(null, foreign.id)).status).toBe(401);
  });

  it("refuses a decision with 409 when nothing waits, and lets a writer decide a waiting call once", async () => {
    const idle = await startRun(db(), w, w.reviewed);
    const nothing = await api.decide("teammate", idle.id, { taskKey: "review", approve: true });
    expect(nothing.status).toBe(409);
    expect(nothing.body.error.message).toBe("“review” is not waiting for a decision on its agent call.");
    // Without a taskKey, nothing to choose from is a conflict too, not a question about which task.
    const none = await api.decide("teammate", idle.id, { approve: true });
    expect([none.status, none.body.error.message]).toEqual([409, "No agent call of this run is waiting for a decision."]);

    const run = await waitingRun();
    expect((await api.decide("viewer", run.id, { approve: true })).status).toBe(403);
    expect((await api.decide("teammate", run.id, { approve: "yes", runId: MISSING_ID })).body.error.fields).toHaveProperty("approve");
    expect((await api.decide("teammate", run.id, { approve: false })).body.error.fields).toEqual({ comment: ["Required when denying."] });
    const decided = await api.decide("teammate", run.id, { approve: true, comment: "Reading is fine." });
    expect(decided.status).toBe(200);
    expect(agentDecisionResponse.parse(decided.body)).toEqual({ taskKey: "review", gate: "tool", approved: true });
    expect((await api.decide("owner", run.id, { taskKey: "review", approve: false, comment: "Too late" })).status).toBe(409);
    const gate = (await api.agentCalls("owner", run.id)).body.calls[1].gate;
    expect(gate.decision).toMatchObject({ approve: true, userId: w.people.teammate.userId, by: "teammate", comment: "Reading is fine." });
  });

  it("sums a workflow's agent spend, all time or since a date, by agent", async () => {
    const wf = await createWorkflow(db(), {
      name: "Spending",
      ownerUserId: w.people.owner.userId,
      ownerTeamId: w.teamA,
      visibility: "team",
      stages: [{ name: "Inbox" }, { name: "Automate", type: "AUTOMATION", taskGraph: reviewGraph }],
    });
    await bindRole(db(), w.people.owner, { workflowId: wf.id, roleId: "reviewer", agentId });
    await waitingRun(wf);
    const all = await api.spend("viewer", wf.id);
    expect(all.status).toBe(200);
    expect(workflowSpendResponse.parse(all.body)).toEqual(all.body);
    const sums = { calls: 2, inputTokens: 1_300, outputTokens: 320, costUsd: 0.0087 };
    expect(all.body).toEqual({ workflowId: wf.id, since: null, ...sums, byAgent: [{ agentId, name: "Reviewer", ...sums }] });

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const later = await api.spend("viewer", wf.id, `?since=${tomorrow}`);
    expect(later.body).toMatchObject({ since: `${tomorrow}T00:00:00.000Z`, calls: 0, costUsd: 0, byAgent: [] });
    expect((await api.spend("viewer", wf.id, "?since=2020-01-01T00:00:00Z")).body.calls).toBe(2);

    const bad = await api.spend("viewer", wf.id, "?since=last-week");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ since: ["Use an ISO 8601 date or time, like 2026-03-01 or 2026-03-01T12:00:00Z."] });
    expect((await api.spend("otherTeam", wf.id)).body).toEqual({ error: { code: "not_found", message: "Workflow was not found." } });
  });
});
