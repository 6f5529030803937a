import type { Db } from "@/db/client";
import { actorFor, addMember, createItem, createTeam, createUser, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { createApiToken } from "@/lib/auth/tokens";
import type { ApiContext } from "./core";

/** Test helpers for the REST handlers: a small world of people with tokens, and request builders. */

export type Who = "owner" | "teammate" | "viewer" | "otherTeam";
export const BASE = "http://tandem.test";

/**
 * Team A (owner and teammate members, a viewer) owns a team-visible workflow with a WIP-limited
 * "Review" stage that is already full; team B's admin sees none of it. Everyone has an API token.
 */
export async function createApiWorld(db: Db) {
  const teamA = await createTeam(db, { name: "Team A" });
  const teamB = await createTeam(db, { name: "Team B" });
  const people = {} as Record<Who, Actor>;
  const tokens = {} as Record<Who, string>;
  const roles = { owner: [teamA, "member"], teammate: [teamA, "member"], viewer: [teamA, "viewer"], otherTeam: [teamB, "admin"] } as const;
  for (const [who, [team, role]] of Object.entries(roles) as [Who, (typeof roles)[Who]][]) {
    const user = await createUser(db, { name: who });
    await addMember(db, team.id, user.id, role);
    people[who] = await actorFor(db, user.id);
    tokens[who] = (await createApiToken(db, people[who], { name: `${who}'s token` })).token;
  }
  const wf = await createWorkflow(db, {
    name: "API board",
    ownerUserId: people.owner.userId,
    ownerTeamId: teamA.id,
    visibility: "team",
    stages: [{ name: "To do" }, { name: "Doing" }, { name: "Review", config: { wipLimit: 1 } }, { name: "Done" }],
  });
  const [todo, doing, review, done] = wf.stages as [(typeof wf.stages)[number], (typeof wf.stages)[number], (typeof wf.stages)[number], (typeof wf.stages)[number]];
  const item = await createItem(db, { workflowId: wf.id, stageId: todo.id, title: "Ship the API" });
  await createItem(db, { workflowId: wf.id, stageId: review.id, title: "Already in review" });
  const elsewhere = await createWorkflow(db, { ownerUserId: people.otherTeam.userId, ownerTeamId: teamB.id, visibility: "team" });
  return { people, tokens, wf, stages: { todo, doing, review, done }, item, elsewhere };
}

/** A context as the Next adapter would build it; `token` null sends no Authorization header. */
export function apiCtx(
  db: Db,
  token: string | null,
  o: { method?: string; session?: Actor | null; origin?: string | null; authorization?: string } = {},
): ApiContext {
  return {
    db,
    authorization: o.authorization ?? (token ? `Bearer ${token}` : null),
    origin: o.origin ?? null,
    host: "tandem.test",
    method: o.method ?? "GET",
    requestId: "api-test",
    sessionActor: async () => o.session ?? null,
  };
}

/** A Request to `path`; an object body is sent as JSON, a string as it is. */
export function apiRequest(method: string, path: string, body?: unknown): Request {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  return new Request(BASE + path, init);
}
