"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/auth/action";
import { archiveAgent, createAgent, updateAgent } from "./agents";
import { bindRole } from "./bindings";
import { deletePolicy, savePolicy } from "./policies";
import { archiveAgentInput, bindRoleInput, createAgentInput, deletePolicyInput, savePolicyInput, updateAgentInput } from "./schemas";

const CATALOG = "/agents/catalog";
const GUARDRAILS = "/agents/catalog/guardrails";

// An edit or an archive changes what every workflow's agents page warns about (archived, lacks a
// capability), and which workflows bind the agent is not worth a query here: revalidate them all.
const agentChanged = (id: string) => {
  revalidatePath(CATALOG);
  revalidatePath(`${CATALOG}/${id}`);
  revalidatePath("/workflows/[id]/agents", "page");
};

const create = defineAction(createAgentInput, async (actor, input) => {
  const agent = await createAgent(await getDb(), actor, input);
  revalidatePath(CATALOG);
  return { id: agent.id, name: agent.name, version: agent.version };
});

const update = defineAction(updateAgentInput, async (actor, input) => {
  const agent = await updateAgent(await getDb(), actor, input);
  agentChanged(agent.id);
  return { id: agent.id, version: agent.version };
});

const archive = defineAction(archiveAgentInput, async (actor, input) => {
  const agent = await archiveAgent(await getDb(), actor, input);
  agentChanged(agent.id);
  return { id: agent.id, archived: agent.archivedAt !== null };
});

const bind = defineAction(bindRoleInput, async (actor, input) => {
  const result = await bindRole(await getDb(), actor, input);
  revalidatePath(`/workflows/${input.workflowId}/agents`);
  return result;
});

const save = defineAction(savePolicyInput, async (actor, input) => {
  const policy = await savePolicy(await getDb(), actor, input);
  revalidatePath(GUARDRAILS);
  return { id: policy.id, tag: policy.tag };
});

const remove = defineAction(deletePolicyInput, async (actor, input) => {
  const result = await deletePolicy(await getDb(), actor, input);
  revalidatePath(GUARDRAILS);
  return result;
});

/** Defines a catalog agent: `{ name, description, capabilities, config, visibility, teamId }` → `{ id, name, version }`. */
export async function createAgentAction(input: unknown) {
  return create(input);
}

/** Saves an edit as the agent's next version: `{ agentId, baseVersion, name, description, capabilities, config }` → `{ id, version }`. */
export async function updateAgentAction(input: unknown) {
  return update(input);
}

/** Archives or restores an agent: `{ agentId, archived }`. */
export async function archiveAgentAction(input: unknown) {
  return archive(input);
}

/** Binds an agent to a workflow's role, or unbinds it with `agentId: null`: `{ workflowId, roleId, agentId }`. */
export async function bindRoleAction(input: unknown) {
  return bind(input);
}

/** Creates a guardrail policy, or replaces one's tag, description and checks when `policyId` is given. */
export async function savePolicyAction(input: unknown) {
  return save(input);
}

/** Deletes a guardrail policy: `{ policyId }`. */
export async function deletePolicyAction(input: unknown) {
  return remove(input);
}
