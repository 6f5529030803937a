import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { workflows } from "@/db/schema";
import { createWorkflow } from "@/db/testing/factories";
import { describeEngine, spyExecutor, waitForRun } from "@/lib/engine/runtime/testing";
import { createRunWorld, gatedGraph } from "./runs-testing";
import { type Who, apiCtx, apiRequest } from "./testing";
import { executeWorkflowRoute, listDefinitionsRoute, startRunRoute, workflowStatusRoute } from "./workflow-runs";
import { executeResponse, runnableDefinitionsResponse, sequentialCreatedResponse, startRunResponse, workflowStatusResponse } from "./workflow-run-schemas";
import { workflowApi } from "./workflows-testing";

const agent = spyExecutor(({ taskKey, input }) => ({ step: taskKey, got: input }));

type Route = (ctx: ReturnType<typeof apiCtx>, req: Request) => Promise<Response>;

describeEngine(
  "REST API: running workflows",
  (h) => {
    let w: Awaited<ReturnType<typeof createRunWorld>>;
    beforeAll(async () => {
      w = await createRunWorld(h.db());
    });
    const { create } = workflowApi(h.db, () => w.tokens);
    async function send(who: Who | null, method: string, path: string, run: Route, body?: unknown) {
      const res = await run(apiCtx(h.db(), who ? w.tokens[who] : null, { method }), apiRequest(method, path, body));
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
    }
    const definitions = (who: Who | null) => send(who, "GET", "/api/v1/workflows/definitions", listDefinitionsRoute);
    const start = (who: Who | null, body: unknown) => send(who, "POST", "/api/v1/workflows/start", startRunRoute, body);
    const execute = (who: Who | null, id: string, body?: unknown) =>
      send(who, "POST", `/api/v1/workflows/${id}/execute`, (c, r) => executeWorkflowRoute(c, r, id), body);
    const status = (who: Who | null, id: string) => send(who, "GET", `/api/v1/workflows/${id}`, (c, r) => workflowStatusRoute(c, r, id));

    it("creates a sequential list, executes it and reports it completed with each step's output", async () => {
      const tasks = [
        { agent: "researcher", input: { topic: "{{run.input.topic}}" } },
        { agent: "writer", input: { notes: "{{previous_output}}" } },
      ];
      const created = await create("owner", { name: "Research and write", tasks });
      expect(created.status).toBe(201);
      expect(sequentialCreatedResponse.parse(created.body)).toEqual(created.body);
      expect(created.body).toMatchObject({ name: "Research and write", status: "pending", task_count: 2 });
      const id = created.body.workflow_id;
      expect(created.headers.get("location")).toBe(`/api/v1/workflows/${id}`);

      const before = await status("owner", id);
      expect(workflowStatusResponse.parse(before.body)).toEqual(before.body);
      expect(before.body).toEqual({
        workflow_id: id,
        name: "Research and write",
        status: "pending",
        tasks: [
          { id: "step-1", agent: "researcher", status: "pending" },
          { id: "step-2", agent: "writer", status: "pending" },
        ],
        results: [],
        run_id: null,
      });

      const started = await execute("owner", id, { context: { topic: "otters" } });
      expect(started.status).toBe(202);
      expect(executeResponse.parse(started.body)).toEqual(started.body);
      expect(started.body).toMatchObject({ workflow_id: id, status: "running", message: "Workflow execution started" });
      expect(started.headers.get("location")).toBe(`/api/v1/runs/${started.body.run_id}`);
      expect((await waitForRun(h.db(), started.body.run_id)).status).toBe("completed");

      const after = await status("owner", id);
      expect(workflowStatusResponse.parse(after.body)).toEqual(after.body);
      const first = { step: "step-1", got: { topic: "otters" } };
      expect(after.body).toEqual({
        workflow_id: id,
        name: "Research and write",
        status: "completed",
        tasks: [
          { id: "step-1", agent: "researcher", status: "completed" },
          { id: "step-2", agent: "writer", status: "completed" },
        ],
        results: [
          { step: "step-1", output: first },
          { step: "step-2", output: { step: "step-2", got: { notes: first } } },
        ],
        run_id: started.body.run_id,
      });
      expect(agent.of(started.body.run_id).map((c) => c.taskKey)).toEqual(["step-1", "step-2"]);
      expect((await status("otherTeam", id)).status).toBe(404);
      expect((await execute("otherTeam", id)).status).toBe(404);
    });

    it("executes without a body, and puts a sequential list in a team when given teamId", async () => {
      const created = await create("teammate", { name: "Team steps", teamId: w.teamA, tasks: [{ agent: "solo", input: {} }] });
      expect(created.status).toBe(201);
      expect((await status("viewer", created.body.workflow_id)).body.status).toBe("pending");
      expect((await execute("viewer", created.body.workflow_id)).status).toBe(403);
      const started = await execute("owner", created.body.workflow_id);
      expect(started.status).toBe(202);
      expect((await waitForRun(h.db(), started.body.run_id)).input).toEqual({});
      expect((await create("owner", { name: "Elsewhere", teamId: w.people.otherTeam.memberships[0]!.teamId, tasks: [{ agent: "a" }] })).body.error.fields).toEqual({
        teamId: ["Choose one of your teams."],
      });
    });

    it("refuses a sequential list with a bad reference or a bad shape, naming the step; other bodies keep their shapes", async () => {
      const first = await create("owner", { name: "Bad", tasks: [{ agent: "writer", input: { text: "{{previous_output}}" } }] });
      expect(first.status).toBe(400);
      expect(first.body.error.message).toMatch(/^Step 1 \(writer\): “writer” has no earlier task/);
      expect(Object.keys(first.body.error.fields)).toEqual(["tasks.0.input.text"]);
      const unknown = await create("owner", { name: "Bad", tasks: [{ agent: "a", input: {} }, { agent: "b", input: { x: "{{previous_outptu}}" } }] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/^Step 2 \(b\): .*unknown reference \{\{previous_outptu\}\}/);
      const shapes = await create("owner", { name: "Bad", tasks: [{ input: {} }, { agent: "x", input: "text", extra: 1 }], definition: {} });
      expect(shapes.status).toBe(400);
      expect(Object.keys(shapes.body.error.fields).sort()).toEqual(["_", "tasks.0.agent", "tasks.1", "tasks.1.input"]);
      expect((await create("owner", { name: "Empty", tasks: [] })).body.error.fields).toEqual({ tasks: ["List at least one step in `tasks`."] });
      const blank = await create("owner", { name: "Still blank" });
      expect(blank.status).toBe(201);
      expect(blank.body).toMatchObject({ name: "Still blank", version: 1, isTemplate: false });
      expect((await create("owner", { name: "Nope", tasks: [{ agent: "a" }], templateId: w.wf.id })).status).toBe(400);
    });

    it("lists the runnable definitions the caller can see, each with its descriptor", async () => {
      await createWorkflow(h.db(), {
        name: "A template",
        isTemplate: true,
        ownerUserId: w.people.owner.userId,
        stages: [{ name: "Automate", type: "AUTOMATION", taskGraph: gatedGraph }],
      });
      const archived = await createWorkflow(h.db(), {
        name: "Archived",
        ownerUserId: w.people.owner.userId,
        stages: [{ name: "Automate", type: "AUTOMATION", taskGraph: gatedGraph }],
      });
      await h.db().update(workflows).set({ archivedAt: new Date() }).where(eq(workflows.id, archived.id));
      const list = await definitions("viewer");
      expect(list.status).toBe(200);
      expect(runnableDefinitionsResponse.parse(list.body)).toEqual(list.body);
      const names = list.body.definitions.map((d: { workflowName: string; stageName: string }) => `${d.workflowName}/${d.stageName}`);
      expect(names).toEqual(expect.arrayContaining(["Agent/Automate", "Gated/Automate"]));
      expect(names).toEqual([...names].sort());
      expect(names.some((n: string) => n.startsWith("API board/"))).toBe(false); // human stages only
      const gated = list.body.definitions.find((d: { workflowId: string }) => d.workflowId === w.gated.id);
      expect(gated).toMatchObject({ id: w.gated.stages[1]!.id, workflowName: "Gated", stageName: "Automate", version: 1 });
      expect(gated.descriptor.tasks.map((t: { id: string; dependsOn: string[] }) => [t.id, t.dependsOn])).toEqual([
        ["review", []],
        ["finish", ["review"]],
      ]);
      const own = (await definitions("owner")).body.definitions.map((d: { workflowName: string }) => d.workflowName);
      expect(own).not.toContain("A template");
      expect(own).not.toContain("Archived");
      expect(own).not.toContain("Foreign");
      expect((await definitions(null)).status).toBe(401);
    });

    it("starts a run of a definition: 201 with Location, 403 for a viewer, 404 for another team's, 400 for a bad body", async () => {
      const ok = await start("teammate", { definitionId: w.agent.stages[1]!.id, context: { n: 3 }, conversationId: "chat-42" });
      expect(ok.status).toBe(201);
      expect(startRunResponse.parse(ok.body)).toEqual(ok.body);
      expect(ok.body.run).toMatchObject({ workflowId: w.agent.id, stageId: w.agent.stages[1]!.id, origin: "api", input: { n: 3 }, conversationId: "chat-42" });
      expect(ok.headers.get("location")).toBe(`/api/v1/runs/${ok.body.run.id}`);
      expect((await waitForRun(h.db(), ok.body.run.id)).status).toBe("completed");
      expect((await start("owner", { definitionId: w.agent.id, workflowId: w.agent.id })).status).toBe(201);

      expect((await start("viewer", { definitionId: w.agent.stages[1]!.id })).status).toBe(403);
      const foreign = await start("owner", { definitionId: w.foreign.stages[1]!.id });
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual((await start("owner", { definitionId: w.foreign.id })).body);
      const bad = await start("owner", { definitionId: "nope", context: [], colour: "red" });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.error.fields).sort()).toEqual(["_", "context", "definitionId"]);
      expect((await start("owner", { definitionId: w.wf.id })).body.error.message).toBe("This workflow has no automated stage with tasks to run.");
    });

    it("refuses to execute a workflow with two automated stages, and answers status from its latest run", async () => {
      const two = await twoStageWorkflow(h.db(), w.people.owner.userId);
      const refused = await execute("owner", two.id, { context: {} });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/2 automated stages/);
      expect((await execute("owner", two.id, { context: "x" })).body.error.fields).toHaveProperty("context");
      expect((await execute("owner", "not-a-workflow")).status).toBe(404);
      const run = await start("owner", { definitionId: two.stages[1]!.id });
      await waitForRun(h.db(), run.body.run.id);
      const s = await status("owner", two.id);
      expect(s.body).toMatchObject({ status: "completed", run_id: run.body.run.id, tasks: [{ id: "work", agent: "worker", status: "completed" }] });
      expect((await status("owner", "definitions-like-but-not-an-id")).status).toBe(404);
    });
  },
  { executors: { agent: agent.fn } },
);

/** A personal workflow with two automation stages (each one agent task). */
function twoStageWorkflow(db: Db, ownerUserId: string) {
  const g = { roles: [], tasks: [{ ...gatedGraph.tasks[0]!, id: "work", name: "Work", executor: { kind: "agent" as const, role: "worker" } }], edges: [] };
  return createWorkflow(db, {
    ownerUserId,
    stages: [
      { name: "Inbox" },
      { name: "First", type: "AUTOMATION", taskGraph: g },
      { name: "Second", type: "AUTOMATION", taskGraph: g },
    ],
  });
}
