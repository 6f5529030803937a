import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { runAgentPins, taskRuns } from "@/db/schema";
import { describeEngine, waitForRun } from "@/lib/engine/runtime/testing";
import { type TestServer, startTestServer } from "@/lib/engine/executors/http-test-server";
import { updateAgent } from "./agents";
import { agentTask, callsOf, catalogSetup, startItemRun } from "./testing";

/** The `http` agent kind against a loopback agent service: success, timeout, bad JSON, a 500. */

const TOKEN = "agent-service-token-7f3a9c";
let server: TestServer;

beforeAll(async () => {
  vi.stubEnv("TANDEM_HTTP_ALLOW_HOSTS", "127.0.0.1");
  server = await startTestServer((req, res) => {
    if (req.path === "/ok") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ output: { draft: "Release 1.4 ships faster boards." }, usage: { input_tokens: 1_000, output_tokens: 500 } }));
    } else if (req.path === "/plain") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(["just", "json"]));
    } else if (req.path === "/slow") {
      setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end("{}"), 3_000).unref();
    } else if (req.path === "/text") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("Sure! Here is your draft.");
    } else {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("model backend exploded");
    }
  });
});
afterAll(async () => {
  await server.close();
  vi.unstubAllEnvs();
});

const http = (path: string, timeoutMs = 5_000) =>
  ({ kind: "http", url: `${server.origin}${path}`, authSecret: "AGENT_TOKEN", timeoutMs, pricing: { inputPerMTok: 3, outputPerMTok: 15 } }) as const;

describeEngine("http agents", (h) => {
  it("posts the task to the execute endpoint with the secret as bearer token; the answer is the output, its usage priced", async () => {
    const s = await catalogSetup(h.db(), { config: http("/ok"), tasks: [agentTask("draft", "writer", { input: { notes: "{{item.title}}" } })], secrets: { AGENT_TOKEN: TOKEN } });
    const run = await startItemRun(h.db(), s);
    const done = await waitForRun(h.db(), run.id);
    expect(done.status).toBe("completed");
    expect(done.output).toEqual({ draft: "Release 1.4 ships faster boards." });
    const seen = server.seen.filter((r) => r.path === "/ok").at(-1)!;
    expect(seen.method).toBe("POST");
    expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const body = JSON.parse(seen.body);
    expect(body.input).toEqual({ notes: "Write the release notes" });
    expect(body.task).toMatchObject({ key: "draft", role: "writer", prompt: "Do draft." });
    const [call] = await callsOf(h.db(), run.id);
    expect(call).toMatchObject({ status: "ok", engine: "http", inputTokens: 1_000, outputTokens: 500, costMicros: 10_500, agentVersion: 1, catalogAgentId: s.agent.id });
    expect(call!.transcript!.map((e) => e.type)).toEqual(["request", "response"]);
    expect(JSON.stringify(call)).not.toContain(TOKEN);
    // The run pinned version 1; a later edit is used by the next run only.
    expect((await h.db().select().from(runAgentPins).where(eq(runAgentPins.runId, run.id)))[0]).toMatchObject({ roleId: "writer", version: 1 });
    await updateAgent(h.db(), s.ann, { agentId: s.agent.id, baseVersion: 1, name: "Scribe", capabilities: ["docs.write"], config: http("/plain") });
    const next = await startItemRun(h.db(), s, "Second");
    expect((await waitForRun(h.db(), next.id)).output).toEqual(["just", "json"]);
    expect((await callsOf(h.db(), next.id))[0]).toMatchObject({ agentVersion: 2, inputTokens: 0, costMicros: 0 });
  });

  const failing: [string, string, RegExp][] = [
    ["a timeout", "/slow", /^Agent “Scribe”: The request to 127\.0\.0\.1:\d+ timed out after 300 ms\.$/],
    ["an answer that is not JSON", "/text", /^Agent “Scribe” answered something that is not JSON; it began: “Sure! Here is your draft\.”\.$/],
    ["a 500", "/boom", /^Agent “Scribe”: POST 127\.0\.0\.1:\d+ answered 500 Internal Server Error: model backend exploded$/],
  ];
  for (const [what, path, message] of failing) {
    it(`fails the task with a clear error on ${what}`, async () => {
      const s = await catalogSetup(h.db(), { config: http(path, 300), tasks: [agentTask("draft", "writer")], secrets: { AGENT_TOKEN: TOKEN } });
      const run = await startItemRun(h.db(), s);
      const done = await waitForRun(h.db(), run.id);
      expect(done.status).toBe("failed");
      const [task] = await h.db().select().from(taskRuns).where(eq(taskRuns.runId, run.id));
      expect(task!.error).toMatch(message);
      const [call] = await callsOf(h.db(), run.id);
      expect(call).toMatchObject({ status: "failed", ok: false });
      expect(call!.error).toMatch(message);
    });
  }

  it("a missing auth secret fails the task and names the secret", async () => {
    const s = await catalogSetup(h.db(), { config: http("/ok"), tasks: [agentTask("draft", "writer")] });
    const run = await startItemRun(h.db(), s);
    expect((await waitForRun(h.db(), run.id)).error).toContain("needs the secret “AGENT_TOKEN”, which this workflow's owner has not set");
  });
});
