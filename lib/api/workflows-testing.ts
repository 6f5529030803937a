import { count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workflowVersions } from "@/db/schema";
import { createWorkflow } from "@/db/testing/factories";
import { task } from "@/lib/workflows/testing-definitions";
import type { ApiContext } from "./core";
import { type Who, apiCtx, apiRequest, createApiWorld } from "./testing";
import {
  createWorkflowRoute,
  getDefinitionRoute,
  getVersionRoute,
  importRoute,
  listTemplatesRoute,
  listVersionsRoute,
  saveDefinitionRoute,
} from "./workflows";

/** Test helpers for the workflow routes: the API world plus templates, a workflow factory, and one caller per route. */

type Run = (ctx: ApiContext, req: Request) => Promise<Response>;
export const MISSING_ID = "99999999-9999-4999-8999-999999999999";

/**
 * The API world (team A: owner, teammate, viewer; team B: otherTeam) plus four templates: a global one,
 * one of each team, and the owner's personal one.
 */
export async function createWorkflowApiWorld(db: Db) {
  const w = await createApiWorld(db);
  const teamA = w.wf.ownerTeamId!;
  const { owner, otherTeam } = w.people;
  const template = async (name: string, o: { visibility: "personal" | "team" | "global"; by: string; team?: string | null }) =>
    (await createWorkflow(db, { name, isTemplate: true, ownerUserId: o.by, ownerTeamId: o.team ?? null, visibility: o.visibility })).id;
  const templates = {
    global: await template("Code review", { visibility: "global", by: otherTeam.userId }),
    teamA: await template("Team A release", { visibility: "team", by: owner.userId, team: teamA }),
    teamB: await template("Team B secret", { visibility: "team", by: otherTeam.userId, team: otherTeam.memberships[0]!.teamId }),
    personal: await template("Owner scratch", { visibility: "personal", by: owner.userId }),
  };
  return { ...w, teamA, templates };
}

/** Callers for each workflow route as `who` (null: no credentials), answering status, headers, raw text and JSON. */
export function workflowApi(db: () => Db, tokens: () => Record<Who, string>) {
  async function send(who: Who | null, method: string, path: string, run: Run, body?: unknown) {
    const res = await run(apiCtx(db(), who ? tokens()[who] : null, { method }), apiRequest(method, path, body));
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? JSON.parse(text) : null };
  }
  const base = (id: string) => `/api/v1/workflows/${id}`;
  return {
    getDef: (who: Who | null, id: string, query = "") => send(who, "GET", `${base(id)}/definition${query}`, (c, r) => getDefinitionRoute(c, r, id)),
    putDef: (who: Who | null, id: string, body: unknown) => send(who, "PUT", `${base(id)}/definition`, (c, r) => saveDefinitionRoute(c, r, id), body),
    importFile: (who: Who | null, id: string, query: string, text: string) =>
      send(who, "POST", `${base(id)}/import${query}`, (c, r) => importRoute(c, r, id), text),
    versions: (who: Who | null, id: string) => send(who, "GET", `${base(id)}/versions`, (c, r) => listVersionsRoute(c, r, id)),
    version: (who: Who | null, id: string, v: string) => send(who, "GET", `${base(id)}/versions/${v}`, (c, r) => getVersionRoute(c, r, id, v)),
    create: (who: Who | null, body: unknown) => send(who, "POST", "/api/v1/workflows", createWorkflowRoute, body),
    templates: (who: Who | null, query = "") => send(who, "GET", `/api/v1/templates${query}`, listTemplatesRoute),
  };
}

/** A fresh team-A workflow, "API designs": Backlog (human), Build (automation with one task), Done. */
export function createDesigns(db: Db, w: { people: Record<Who, { userId: string }>; teamA: string }) {
  return createWorkflow(db, {
    name: "API designs",
    ownerUserId: w.people.owner.userId,
    ownerTeamId: w.teamA,
    visibility: "team",
    stages: [{ name: "Backlog" }, { name: "Build", type: "AUTOMATION", taskGraph: { roles: [], tasks: [task("compile")], edges: [] } }, { name: "Done" }],
  });
}

/** How many versions a workflow has. */
export async function versionCount(db: Db, workflowId: string): Promise<number> {
  return (await db.select({ n: count() }).from(workflowVersions).where(eq(workflowVersions.workflowId, workflowId)))[0]!.n;
}
