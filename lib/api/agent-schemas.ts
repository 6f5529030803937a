import { z } from "zod";
import { applyInput, contextInput, planInput, routeInput } from "@/lib/agents/schemas";
import { createSessionInput, listSessionsInput, updateSessionInput } from "@/lib/agents/session-schemas";
import { INTENTS, planSchema } from "@/lib/agents/types";

/*
 * The JSON shapes of the agent routes. Bodies are the orchestrator's own input schemas made strict, so a
 * misspelt field (`sessionId` for `session_id`) is refused instead of quietly working outside the session.
 * Responses name a repository by `repo`, its path relative to the allowed root that holds it (the form
 * `repo` accepts), never by the server's absolute path.
 */

export const routeBody = routeInput.strict();
export const contextBody = contextInput.strict();
export const planBody = planInput.strict();
export const applyBody = applyInput.strict();
export const createSessionBody = createSessionInput.strict();
export const updateSessionBody = updateSessionInput;
export const listSessionsQuery = listSessionsInput.unwrap().unwrap();

const id = z.string().uuid();
const at = z.string().describe("ISO 8601.");
const repo = z.string().describe("The repository, relative to the allowed root that holds it; send it back as `repo`.");

export const routeResponse = z.object({
  intent: z.enum(INTENTS),
  confidence: z.number().describe("0 to 1."),
  signals: z.array(z.string()).describe("The words that decided the intent."),
  engine: z.string().describe("`builtin`, or the configured model's engine."),
  model: z.string().nullable(),
  reason: z.string().describe("Why this engine, in a sentence."),
});

const message = z.object({ role: z.enum(["user", "agent"]), verb: z.string(), content: z.string(), at });

export const contextResponse = z.object({
  repo,
  focus: z.string().describe('The folder or file inside the repository the request focuses on ("." for all).'),
  head: z.string().nullable().describe("HEAD's commit; null in a repository without commits."),
  branch: z.string().nullable(),
  tree: z.array(z.object({ path: z.string(), size: z.number().int() })),
  treeTotal: z.number().int(),
  treeTruncated: z.boolean(),
  diff: z
    .object({
      base: z.string(),
      text: z.string(),
      files: z.array(
        z.object({
          path: z.string(),
          status: z.enum(["added", "modified", "deleted", "renamed"]),
          additions: z.number().int(),
          deletions: z.number().int(),
          oldPath: z.string().optional(),
        }),
      ),
      truncated: z.boolean(),
    })
    .nullable()
    .describe("Uncommitted changes against `diff_base` (HEAD by default); null without commits."),
  files: z.array(
    z.object({
      path: z.string(),
      content: z.string(),
      truncated: z.boolean(),
      tokens: z.number().int(),
      reason: z.string().describe("Why it is in the bundle: `changed`, `requested`, `related`, …"),
    }),
  ),
  messages: z.array(message).describe("The session's recent messages, oldest first."),
  budget: z.object({ tokens: z.number().int(), used: z.number().int() }),
});

export const planResponse = z.object({
  repo,
  focus: z.string(),
  intent: z.enum(INTENTS),
  engine: z.string(),
  model: z.string().nullable(),
  plan: planSchema,
  patch: z.string().nullable().describe("A unified diff, ready for `/agent/apply`; null when the engine proposes none."),
  notes: z.array(z.string()).describe("What the engine could not do, said plainly."),
  usage: z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() }),
  latencyMs: z.number(),
  baseCommit: z.string().nullable().describe("The commit the plan was made against."),
  route: routeResponse,
});

export const applyResponse = z.object({
  repo,
  branch: z.string().describe("The new branch, left checked out."),
  base: z.string().describe("The commit it starts from."),
  commit: z.string(),
  files: z.array(z.string()),
});

export const sessionResponse = z.object({
  id,
  title: z.string(),
  repo,
  workItemId: id.nullable(),
  status: z.enum(["open", "closed"]),
  currentPlan: z.unknown().describe("The latest plan (`summary`, `steps`, `risks`, plus `patch`, `engine`, `model`, `intent`), or null."),
  createdAt: at,
  lastActivityAt: at,
  closedAt: at.nullable(),
});

export const sessionListResponse = z.object({ sessions: z.array(sessionResponse) });
export const sessionDetailResponse = z.object({ session: sessionResponse, messages: z.array(message).describe("The last 50 messages, oldest first.") });
export const sessionUpdatedResponse = z.object({ session: sessionResponse });
export const sessionDeletedResponse = z.object({ id, deleted: z.literal(true) });
