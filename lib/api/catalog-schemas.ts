import { z } from "zod";
import type { GuardrailPolicy } from "@/db/schema";
import { AGENT_KINDS, agentConfigSchema, guardrailCheckSchema } from "@/lib/agents/catalog/schemas";
import { LEVELS } from "@/lib/auth/permissions";
import type { AgentView, listAgentVersions } from "@/lib/catalog/agents";
import type { RoleBindingView, bindRole } from "@/lib/catalog/bindings";
import type { PolicyView } from "@/lib/catalog/policies";
import { bindRoleInput, createAgentInput, savePolicyInput, updateAgentInput } from "@/lib/catalog/schemas";

/*
 * REST shapes of the agent catalog (see schemas.ts for the conventions): bodies are the catalog services'
 * inputs minus the ids the path carries, made strict; responses are checked against the domain's types
 * (as JSON: dates become ISO text), and the handler tests parse real answers with them.
 */

/** What `Response.json` makes of a value: dates become ISO 8601 text, the rest stays as it is. */
export type AsJson<T> = T extends Date ? string : T extends (infer U)[] ? AsJson<U>[] : T extends object ? { [K in keyof T]: AsJson<T[K]> } : T;

const flag = z.enum(["true", "false", "1", "0"], { error: 'Use "true" or "false".' }).transform((v) => v === "true" || v === "1");

export const listAgentsQuery = z.object({
  archived: flag.optional().default(false).describe("Include archived agents."),
});

export const createAgentBody = createAgentInput.strict();
export const updateAgentBody = updateAgentInput
  .omit({ agentId: true })
  .extend({ baseVersion: updateAgentInput.shape.baseVersion.describe("The version your edit is based on; if someone saved since, nothing is saved (409).") })
  .strict();
export const archiveAgentBody = z
  .object({ archived: z.boolean().optional().default(true).describe("true archives the agent (the default), false restores it.") })
  .strict();

export const bindRoleBody = z
  .object({ agentId: bindRoleInput.shape.agentId.unwrap().describe("The catalog agent to play the role; it must have every capability the role needs.") })
  .strict();

export const createPolicyBody = savePolicyInput.omit({ policyId: true }).strict();
/** A policy's owner and visibility are set when it is created; a replacement changes its tag, description and checks. */
export const updatePolicyBody = savePolicyInput.omit({ policyId: true, visibility: true, teamId: true }).strict();

const id = z.string().uuid();
const at = z.iso.datetime();
const visibility = z.enum(["personal", "team", "global"]);
const level = z.enum(LEVELS).describe("The caller's access: WRITE or ADMIN may change it.");
const capabilities = z.array(z.string()).describe("What the agent can do (`code.review`); a role binds only to agents with every capability it needs.");

export const agentResponse = z.object({
  id,
  name: z.string(),
  kind: z.enum(AGENT_KINDS),
  ownerUserId: id,
  ownerTeamId: id.nullable(),
  visibility,
  version: z.number().int().describe("The latest version; send it back as `baseVersion` with an edit."),
  createdAt: at,
  updatedAt: at,
  archivedAt: at.nullable(),
  description: z.string(),
  capabilities,
  config: agentConfigSchema.describe("The latest version's settings, by `kind`. Secrets are named (`apiKeySecret`), never included."),
  teamName: z.string().nullable(),
  ownerName: z.string(),
  level,
}) satisfies z.ZodType<AsJson<AgentView>>;

export const agentListResponse = z.object({ agents: z.array(agentResponse).describe("By name.") });
export const agentSavedResponse = z.object({ agent: agentResponse });

export const agentDetailResponse = z.object({
  agent: agentResponse,
  versions: z
    .array(
      z.object({
        version: z.number().int(),
        description: z.string(),
        capabilities,
        config: agentConfigSchema,
        createdAt: at,
        createdByName: z.string().nullable(),
      }),
    )
    .describe("Every version, newest first; runs keep the version they pinned."),
}) satisfies z.ZodType<AsJson<Awaited<ReturnType<typeof listAgentVersions>>>>;

const missing = z.array(z.string()).describe("The role's capabilities the agent lacks (empty: it qualifies).");

const roleBinding = z.object({
  id: z.string().describe("The role's id in the task graphs: the `{roleId}` of the bind path."),
  name: z.string(),
  capabilities: z.array(z.string()).describe("What an agent needs to play it, over every stage that declares it."),
  stages: z.array(z.string()).describe("Names of the stages whose task graphs use it."),
  tasks: z.number().int().describe("Agent tasks that name it."),
  agent: z
    .object({ id, name: z.string(), kind: z.string(), version: z.number().int(), archived: z.boolean(), missing })
    .nullable()
    .describe("The bound agent (null: the builtin planner plays it). One you cannot see shows as “an agent you cannot see”."),
  boundByName: z.string().nullable(),
  candidates: z
    .array(z.object({ id, name: z.string(), kind: z.string(), missing, problem: z.string().nullable().describe("Why it cannot serve this workflow (e.g. another team's agent); null when it can.") }))
    .describe("Unarchived agents you can see, with what each lacks."),
}) satisfies z.ZodType<RoleBindingView>;

export const roleBindingsResponse = z.object({
  workflow: z.object({ id, name: z.string(), level: z.enum(LEVELS).describe("The caller's access; binding needs WRITE.") }),
  roles: z.array(roleBinding).describe("The roles of the workflow's latest definition, by name."),
});

export const roleBoundResponse = z.object({
  roleId: z.string(),
  agent: z.object({ id, name: z.string(), version: z.number().int().describe("Its latest version; a run pins the version it starts with.") }).nullable().describe("Null once unbound."),
}) satisfies z.ZodType<Awaited<ReturnType<typeof bindRole>>>;

export const policyResponse = z.object({
  id,
  tag: z.string().describe("Tasks and stages carrying this tag (`policyTags`) run these checks on every agent call."),
  description: z.string(),
  checks: z.array(guardrailCheckSchema),
  ownerUserId: id,
  ownerTeamId: id.nullable(),
  visibility,
  createdAt: at,
  updatedAt: at,
}) satisfies z.ZodType<AsJson<GuardrailPolicy>>;

export const policyListResponse = z.object({
  policies: z.array(policyResponse.extend({ teamName: z.string().nullable(), ownerName: z.string(), level })).describe("By tag.") satisfies z.ZodType<AsJson<PolicyView>[]>,
  builtin: z
    .array(z.object({ tag: z.string(), description: z.string(), checks: z.array(guardrailCheckSchema) }))
    .describe("Tags that work with no policy written; a policy of the same tag replaces one."),
});

export const policySavedResponse = z.object({ policy: policyResponse });
export const policyDeletedResponse = z.object({ id, deleted: z.literal(true) });
