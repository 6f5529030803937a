import type { Database, Db } from "@/db/client";
import { createWorkflow } from "@/db/testing/factories";
import type { TaskGraph } from "@/lib/engine/graph-schema";
import { chain, graph, task } from "@/lib/engine/testing";
import { startRunFor } from "@/lib/runs/start";
import type { ApiContext } from "./core";
import {
  cancelRunRoute,
  decideApprovalRoute,
  getRunRoute,
  listRunsRoute,
  pauseRunRoute,
  resumeRunRoute,
  retryRunRoute,
  runEventsRoute,
  submitTaskRoute,
} from "./runs";
import { type Who, apiCtx, apiRequest, createApiWorld } from "./testing";

/** Test helpers for the run routes: the API world with runnable workflows, and one caller per route. */

type Route = (ctx: ApiContext, req: Request) => Promise<Response>;

/** An approval (“review”, one WRITE approval) and then a human task (“finish”): a run that waits for people. */
export const gatedGraph: TaskGraph = graph(
  [task("review", { executor: { kind: "approval", approvals: 1, level: "WRITE" } }), task("finish", { executor: { kind: "human", instructions: "Sign it off." } })],
  chain("review", "finish"),
);

/** One agent task that runs once (no retries), so a failure fails the run at once. */
export const agentGraph: TaskGraph = graph([
  task("work", { executor: { kind: "agent", role: "worker" }, input: { n: "{{run.input.n}}" }, retry: { maxAttempts: 1, backoff: "fixed", initialDelayMs: 0 } }),
]);

/**
 * The API world (team A: owner, teammate, viewer; team B: otherTeam) plus two team-A workflows with an
 * automation stage each (`gated`, `agent`), and one of team B's (`foreign`).
 */
export async function createRunWorld(db: Db) {
  const w = await createApiWorld(db);
  const teamA = w.wf.ownerTeamId!;
  const flow = (name: string, g: TaskGraph, owner = w.people.owner.userId, team = teamA) =>
    createWorkflow(db, {
      name,
      ownerUserId: owner,
      ownerTeamId: team,
      visibility: "team",
      stages: [{ name: "Inbox" }, { name: "Automate", type: "AUTOMATION", taskGraph: g }, { name: "Done" }],
    });
  const gated = await flow("Gated", gatedGraph);
  const agent = await flow("Agent", agentGraph);
  const foreign = await flow("Foreign", agentGraph, w.people.otherTeam.userId, w.people.otherTeam.memberships[0]!.teamId);
  return { ...w, teamA, gated, agent, foreign };
}

/** Starts a run of a world workflow's automation stage as `who` (the owner by default). */
export function startRun(db: Db, w: Awaited<ReturnType<typeof createRunWorld>>, wf: { stages: { id: string }[] }, context: Record<string, unknown> = {}, who: Who = "owner") {
  return startRunFor(db, w.people[who], { definitionId: wf.stages[1]!.id, context });
}

/** Callers for each run route as `who` (null: no credentials), answering status, headers and JSON. */
export function runApi(db: () => Db, tokens: () => Record<Who, string>) {
  async function send(who: Who | null, method: string, path: string, run: Route, body?: unknown) {
    const res = await run(apiCtx(db(), who ? tokens()[who] : null, { method }), apiRequest(method, path, body));
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }
  const base = (id: string) => `/api/v1/runs/${id}`;
  const post = (route: (c: ApiContext, r: Request, id: string) => Promise<Response>, verb: string) => (who: Who | null, id: string, body?: unknown) =>
    send(who, "POST", `${base(id)}/${verb}`, (c, r) => route(c, r, id), body);
  return {
    get: (who: Who | null, id: string) => send(who, "GET", base(id), (c, r) => getRunRoute(c, r, id)),
    list: (who: Who | null, query = "") => send(who, "GET", `/api/v1/runs${query}`, listRunsRoute),
    pause: post(pauseRunRoute, "pause"),
    resume: post(resumeRunRoute, "resume"),
    cancel: post(cancelRunRoute, "cancel"),
    retry: post(retryRunRoute, "retry"),
    approve: post(decideApprovalRoute, "approvals"),
    submit: post(submitTaskRoute, "tasks"),
    /** The raw events response (a stream on success); `headers` are sent with the request. */
    events: (database: Database, who: Who | null, id: string, o: { query?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}) =>
      runEventsRoute(
        apiCtx(database.db, who ? tokens()[who] : null),
        new Request(`http://tandem.test${base(id)}/events${o.query ?? ""}`, { headers: o.headers, signal: o.signal }),
        database,
        id,
      ),
  };
}
