import { z } from "zod";
import { agentConfigSchema, guardrailCheckSchema, POLICY_TAG } from "@/lib/agents/catalog/schemas";

/** Inputs of the agent catalog's service functions (agents, role bindings, guardrail policies). */

const uuid = z.string().uuid();
const name = z.string().trim().min(1, "Give the agent a name.").max(80, "Keep the name under 80 characters.");
const description = z.string().trim().max(2_000, "Keep the description under 2,000 characters.").default("");
const teamId = z.preprocess((v) => (v === "" ? null : v), z.string().uuid("Choose a team.").nullable().default(null));
const capabilities = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(80)
      .regex(/^[a-z][a-z0-9_.-]*$/, "A capability is lower-case letters, digits, “.”, “_” or “-” (e.g. code.review)."),
  )
  .max(30, "An agent has at most 30 capabilities.")
  .default(() => []);

export const createAgentInput = z.object({
  name,
  description,
  capabilities,
  config: agentConfigSchema,
  visibility: z.enum(["personal", "team", "global"]).default("team"),
  teamId,
});

export const updateAgentInput = z.object({
  agentId: uuid,
  /** The version the edit started from: a newer one in between is a conflict, not a silent overwrite. */
  baseVersion: z.coerce.number().int().min(1),
  name,
  description,
  capabilities,
  config: agentConfigSchema,
});

export const archiveAgentInput = z.object({ agentId: uuid, archived: z.boolean() });

export const bindRoleInput = z.object({
  workflowId: uuid,
  roleId: z.string().min(1).max(80),
  /** Null unbinds: the role's tasks go back to the builtin planner. */
  agentId: uuid.nullable(),
});

const tag = z.string().trim().regex(POLICY_TAG, "A tag is 1–80 lower-case letters, digits, “.”, “_”, “:” or “-”.");

export const savePolicyInput = z.object({
  /** Absent creates a policy; present replaces that one's checks. */
  policyId: uuid.optional(),
  tag,
  description,
  checks: z.array(guardrailCheckSchema).min(1, "A policy has at least one check.").max(20),
  visibility: z.enum(["personal", "team", "global"]).default("team"),
  teamId,
});

export const deletePolicyInput = z.object({ policyId: uuid });
