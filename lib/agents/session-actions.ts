"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/auth/action";
import { repoLabel } from "./repo-label";
import { applyInput, contextInput, planInput, routeInput } from "./schemas";
import { agentApply, agentContext, agentPlan, agentRoute } from "./service";
import { newSessionForm } from "./session-form";
import { SESSION_STATUSES } from "./session-schemas";
import { type ApplyAnswerView, type PlanAnswerView, contextSummary } from "./session-views";
import { createSession, deleteSession, updateSession } from "./sessions";

// Every verb in a session adds messages (and a plan) that the page shows under the console.
const page = () => revalidatePath("/agent");

const sessionRef = z.object({ id: z.string() });

const create = defineAction(newSessionForm, async (actor, input) => {
  const session = await createSession(await getDb(), actor, { repo: input.repo, workItemId: input.workItem, title: input.title });
  page();
  return { id: session.id };
});

const setStatus = defineAction(sessionRef.extend({ status: z.enum(SESSION_STATUSES) }), async (actor, input) => {
  const session = await updateSession(await getDb(), actor, input.id, { status: input.status });
  page();
  return { id: session.id, status: session.status };
});

const remove = defineAction(sessionRef, async (actor, input) => {
  const { id } = await deleteSession(await getDb(), actor, input.id);
  page();
  return { id };
});

const route = defineAction(routeInput, async (actor, input) => {
  const answer = await agentRoute(await getDb(), actor, input);
  page();
  return answer;
});

const context = defineAction(contextInput, async (actor, input) => {
  const bundle = await agentContext(await getDb(), actor, input);
  page();
  return contextSummary(bundle);
});

const plan = defineAction(planInput, async (actor, input): Promise<PlanAnswerView> => {
  const { repoRoot, ...answer } = await agentPlan(await getDb(), actor, input);
  page();
  return { repo: repoLabel(repoRoot), ...answer };
});

const apply = defineAction(applyInput, async (actor, input): Promise<ApplyAnswerView> => {
  const { repoRoot, ...result } = await agentApply(await getDb(), actor, input);
  page();
  return { repo: repoLabel(repoRoot), ...result };
});

/** Opens a session from the page's form (`repo`, `workItem` id or link, `title`): `→ { id }`. */
export async function createAgentSessionAction(prev: unknown, form: FormData) {
  return create(prev, form);
}

/** Closes or reopens one of the actor's sessions: `{ id, status }`. */
export async function setAgentSessionStatusAction(input: unknown) {
  return setStatus(input);
}

/** Deletes one of the actor's sessions and its messages: `{ id }`. */
export async function deleteAgentSessionAction(input: unknown) {
  return remove(input);
}

/** Classifies a goal and suggests an engine: `{ goal, session_id }` → the route answer. */
export async function routeAgentAction(input: unknown) {
  return route(input);
}

/** Builds the session's context bundle: `{ session_id }` → files, diff stats and budget, without contents. */
export async function contextAgentAction(input: unknown) {
  return context(input);
}

/** Asks for a plan in a session, which keeps it as its current plan: `{ goal, session_id }`. */
export async function planAgentAction(input: unknown) {
  return plan(input);
}

/** Applies a patch on a new branch of the session's repository: `{ patch, session_id }` → branch and commit. */
export async function applyAgentAction(input: unknown) {
  return apply(input);
}
