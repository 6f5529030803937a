import type { Db } from "../client";
import type { ActionResult } from "@/lib/auth/action-core";
import type { Actor } from "@/lib/auth/actor";
import { actorFor, addMember, createItem, createTeam, createUser, createWorkflow } from "./factories";

export type Who = "owner" | "teammate" | "viewer" | "otherTeam" | "admin" | "signedOut";
export type Vis = "personal" | "team" | "global";
export type Outcome = "ok" | "not_found" | "forbidden" | "unauthorized";

export const VISIBILITIES = ["personal", "team", "global"] as const satisfies readonly Vis[];

/**
 * The expected result of every (visibility × actor × operation) cell, shared by the workflow and item
 * access suites because items inherit their workflow's access. The owner and teammate are members of
 * team A, the viewer holds the viewer role there, otherTeam is in team B only, admin is an instance
 * admin in no team. Invisible is not_found, exactly like a missing id.
 */
export const ACCESS_MATRIX: Record<Vis, Record<Who, { read: Outcome; write: Outcome }>> = {
  personal: {
    owner: { read: "ok", write: "ok" },
    teammate: { read: "not_found", write: "not_found" },
    viewer: { read: "not_found", write: "not_found" },
    otherTeam: { read: "not_found", write: "not_found" },
    admin: { read: "not_found", write: "not_found" },
    signedOut: { read: "unauthorized", write: "unauthorized" },
  },
  team: {
    owner: { read: "ok", write: "ok" },
    teammate: { read: "ok", write: "ok" },
    viewer: { read: "ok", write: "forbidden" },
    otherTeam: { read: "not_found", write: "not_found" },
    admin: { read: "not_found", write: "not_found" },
    signedOut: { read: "unauthorized", write: "unauthorized" },
  },
  global: {
    owner: { read: "ok", write: "ok" },
    teammate: { read: "ok", write: "ok" },
    viewer: { read: "ok", write: "forbidden" },
    otherTeam: { read: "ok", write: "forbidden" },
    admin: { read: "ok", write: "ok" },
    signedOut: { read: "unauthorized", write: "unauthorized" },
  },
};

/** The matrix cell an action result lands in. */
export const outcome = (r: ActionResult<unknown>): Outcome => (r.ok ? "ok" : (r.code as Outcome));

/** A same-origin action context for `actor` (null: signed out). */
export const actionContext = (actor: Actor | null) => ({ actor, origin: "http://tandem.test", host: "tandem.test" });

export type AccessWorld = Awaited<ReturnType<typeof createAccessWorld>>;

/**
 * The people and boards of the access matrix: team A (owner and teammate as members, a viewer),
 * team B (`otherTeam` as its admin, with a team board of its own), an instance admin in no team, and
 * one workflow per visibility owned by the owner (by team A unless personal) holding one
 * "<vis> secret item" in its first stage.
 */
export async function createAccessWorld(db: Db) {
  const teamA = await createTeam(db, { name: "Team A" });
  const teamB = await createTeam(db, { name: "Team B" });
  const owner = await createUser(db, { name: "Owner" });
  const teammate = await createUser(db, { name: "Teammate" });
  const viewer = await createUser(db, { name: "Viewer" });
  const other = await createUser(db, { name: "Other" });
  const admin = await createUser(db, { name: "Admin", isAdmin: true });
  await addMember(db, teamA.id, owner.id, "member");
  await addMember(db, teamA.id, teammate.id, "member");
  await addMember(db, teamA.id, viewer.id, "viewer");
  await addMember(db, teamB.id, other.id, "admin");

  const workflows = {} as Record<Vis, { id: string; stages: string[]; itemId: string }>;
  for (const vis of VISIBILITIES) {
    const wf = await createWorkflow(db, {
      name: `${vis} workflow`,
      ownerUserId: owner.id,
      ownerTeamId: vis === "personal" ? null : teamA.id,
      visibility: vis,
    });
    const item = await createItem(db, { workflowId: wf.id, stageId: wf.stages[0]!.id, title: `${vis} secret item` });
    workflows[vis] = { id: wf.id, stages: wf.stages.map((s) => s.id), itemId: item.id };
  }
  const teamBWorkflow = await createWorkflow(db, { ownerUserId: other.id, ownerTeamId: teamB.id, visibility: "team" });

  const actors: Record<Who, Actor | null> = {
    owner: await actorFor(db, owner.id),
    teammate: await actorFor(db, teammate.id),
    viewer: await actorFor(db, viewer.id),
    otherTeam: await actorFor(db, other.id),
    admin: await actorFor(db, admin.id),
    signedOut: null,
  };
  return { actors, workflows, teamA, teamB, teamBStageId: teamBWorkflow.stages[0]!.id };
}
