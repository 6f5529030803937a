import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { APICallError, generateText, NoObjectGeneratedError, Output } from "ai";
import { z } from "zod";
import { planSchema, type AgentEngine, type ContextBundle, type EngineResult, type Intent, type Plan, type PlanRequest } from "../types";

/**
 * The engine for any server that speaks OpenAI's chat-completions protocol (OpenAI, Ollama, vLLM,
 * LM Studio, llama.cpp…), through the `ai` SDK: the bundle as text in, a plan and maybe a patch out.
 */

export type OpenAiCompatibleSettings = {
  baseUrl: string;
  model: string;
  apiKey?: string | null;
  name?: string;
  /** Per-call limit; defaults to TANDEM_LLM_TIMEOUT_MS, else 120 s. */
  timeoutMs?: number;
  /**
   * Ask the server to constrain the answer to the JSON schema (`response_format: json_schema`, the
   * default); false asks only for JSON (`json_object`) for servers that refuse schemas.
   */
  structuredOutputs?: boolean;
};

/** What the model must answer: a plan, and a patch when it is confident of one. */
export const answerSchema = planSchema.extend({
  patch: z.string().max(500_000).optional().describe("A unified diff that `git apply` accepts against the files shown, or an empty string."),
});

const INTENT_HINT: Record<Intent, string> = {
  fix: "a bug fix: find the cause, fix it, and add a regression test",
  feature: "a new feature: where it belongs, how to build it, its tests and docs",
  refactor: "a refactoring: change structure without changing behaviour, in small safe steps",
  test: "tests: what is untested and which tests to write",
  docs: "documentation: what to write and where",
  review: "a review: what to check in the changes and the risks found",
  question: "a question: the steps to answer it from the code, with the answer in the summary",
};

/** A Markdown fence longer than any run of backticks in the text, so the text is shown unaltered. */
const fence = (text: string, lang = "") => {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const f = "`".repeat(Math.max(3, longest + 1));
  return `${f}${lang}\n${text}${text.endsWith("\n") ? "" : "\n"}${f}`;
};

/** The bundle as the text a model reads: focus, tree, diff, file contents and the conversation so far. */
export function renderBundle(bundle: ContextBundle): string {
  const parts: string[] = [`# Repository\nFocus: ${bundle.focus}`];
  if (bundle.branch || bundle.head) parts.push(`Branch: ${bundle.branch ?? "(detached)"} at ${bundle.head ?? "(no commit)"}`);

  const shown = bundle.treeTruncated ? ` (${bundle.tree.length} of ${bundle.treeTotal} paths)` : "";
  parts.push(`## Files${shown}\n${bundle.tree.map((t) => t.path).join("\n") || "(none)"}`);

  if (bundle.diff && bundle.diff.files.length) {
    const summary = bundle.diff.files
      .map((f) => `- ${f.path} (${f.status}${f.oldPath ? ` from ${f.oldPath}` : ""}, +${f.additions} -${f.deletions})`)
      .join("\n");
    const cut = bundle.diff.truncated ? "\n(The diff is cut short.)" : "";
    parts.push(`## Uncommitted changes against ${bundle.diff.base}\n${summary}\n${fence(bundle.diff.text, "diff")}${cut}`);
  } else {
    parts.push("## Uncommitted changes\n(none)");
  }

  for (const f of bundle.files) {
    const cut = f.truncated ? ", only the start" : "";
    parts.push(`## ${f.path} (${f.reason}${cut})\n${fence(f.content)}`);
  }

  if (bundle.messages.length) {
    parts.push(`## Conversation so far\n${bundle.messages.map((m) => `${m.role} (${m.verb}): ${m.content}`).join("\n")}`);
  }
  return parts.join("\n\n");
}

function systemPrompt(intent: Intent): string {
  const schema = JSON.stringify(z.toJSONSchema(answerSchema, { io: "input" }));
  return [
    "You are a senior engineer planning a change to a git repository for a teammate who will review your plan before anything is applied.",
    `The request is ${INTENT_HINT[intent]}.`,
    "You see part of the repository: its file list, its uncommitted diff, some file contents, and the conversation so far. Refer only to files you were shown or files the plan creates.",
    "Answer with one JSON object and nothing else (no prose, no code fences), matching this JSON schema:",
    schema,
    'Each step: a short imperative title, a description of what to do and how to check it, a risk of "low", "medium" or "high", an estimate in whole minutes, and the repository-relative files it touches.',
    "risks: concrete observations about this change (a migration needed, files without tests, security-sensitive code), not generic advice.",
    'patch: a unified diff (diff --git a/path b/path, ---/+++ lines, @@ hunks with 3 lines of context) that applies with `git apply` to the files exactly as shown; only when you are sure of every line of it, and only for files shown complete. Otherwise "".',
  ].join("\n");
}

const envTimeout = () => {
  const ms = Number(process.env.TANDEM_LLM_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 120_000;
};

/** zod issues as one readable line: "steps.0.risk: Risk is one of low, medium or high.; summary: …". */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 8)
    .map((i) => `${i.path.join(".") || "(answer)"}: ${i.message}`)
    .join("; ");
}

type Answer = z.infer<typeof answerSchema>;

function validateAnswer(value: unknown): Answer {
  const parsed = answerSchema.safeParse(value);
  if (!parsed.success) throw new Error(`The model's answer was not a valid plan: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

/** Reads the model's text as a plan, forgiving a code fence around the JSON; throws a clear Error. */
function parseAnswer(text: string | undefined): Answer {
  const body = (text ?? "").trim().replace(/^```(?:json)?\s*\n?([\s\S]*?)\n?```$/i, "$1");
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new Error(`The model's answer was not JSON: ${JSON.stringify(body.slice(0, 200))}`);
  }
  return validateAnswer(value);
}

/** An engine that asks an OpenAI-compatible server for a plan. The API key never appears in errors. */
export function openAiCompatibleEngine(settings: OpenAiCompatibleSettings): AgentEngine {
  const name = settings.name ?? "openai-compatible";
  const baseUrl = settings.baseUrl.replace(/\/+$/, "");
  const structured = settings.structuredOutputs ?? true;
  const provider = createOpenAICompatible({ name: "tandem", baseURL: baseUrl, apiKey: settings.apiKey ?? undefined, supportsStructuredOutputs: structured });
  const redact = (text: string) => (settings.apiKey ? text.split(settings.apiKey).join("[key]") : text);

  return {
    name,
    async plan(req: PlanRequest): Promise<EngineResult> {
      const model = req.model ?? settings.model;
      const timeoutMs = settings.timeoutMs ?? envTimeout();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
      const started = performance.now();

      let answer: Answer;
      let usage = { inputTokens: 0, outputTokens: 0 };
      try {
        const result = await generateText({
          model: provider.chatModel(model),
          system: systemPrompt(req.intent),
          prompt: `${renderBundle(req.bundle)}\n\n# Request\n${req.goal}`,
          // Without structured outputs, Output.json asks for json_object (the schema is in the system
          // prompt) rather than sending a schema the provider would drop with a warning.
          output: structured ? Output.object({ schema: answerSchema, name: "plan" }) : Output.json({ name: "plan" }),
          // Optional fields (patch) are not allowed by OpenAI's strict mode; the schema still guides decoding.
          providerOptions: { openaiCompatible: { strictJsonSchema: false } },
          temperature: 0.2,
          // A failed call fails fast: the job that asked decides whether to try again.
          maxRetries: 0,
          abortSignal: signal,
        });
        usage = { inputTokens: result.usage.inputTokens ?? 0, outputTokens: result.usage.outputTokens ?? 0 };
        answer = validateAnswer(result.output);
      } catch (error) {
        if (NoObjectGeneratedError.isInstance(error)) {
          // The SDK's message says only "did not match schema"; re-read the text for the issues (and
          // accept JSON a model wrapped in a code fence).
          answer = parseAnswer(error.text);
          usage = { inputTokens: error.usage?.inputTokens ?? 0, outputTokens: error.usage?.outputTokens ?? 0 };
        } else if (timeout.aborted && !req.signal?.aborted) {
          throw new Error(`The model at ${baseUrl} did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`} (TANDEM_LLM_TIMEOUT_MS).`);
        } else if (req.signal?.aborted) {
          throw error;
        } else if (APICallError.isInstance(error)) {
          const detail = redact(error.message).slice(0, 500);
          throw new Error(
            error.statusCode ? `The model at ${baseUrl} answered ${error.statusCode}: ${detail}` : `The model at ${baseUrl} could not be reached: ${detail}`,
          );
        } else {
          throw new Error(`The model at ${baseUrl} failed: ${redact(error instanceof Error ? error.message : String(error)).slice(0, 500)}`);
        }
      }

      const { patch: rawPatch, ...rest } = answer;
      const plan: Plan = planSchema.parse(rest);
      const notes: string[] = [];
      let patch: string | null = rawPatch?.trim() ? `${rawPatch.trimEnd()}\n` : null;
      if (patch && !/^(diff --git |--- )/m.test(patch)) {
        notes.push("The model's patch was not a unified diff; it was left out.");
        patch = null;
      }
      if (!patch) notes.push(`${name} (${model}) proposed no patch: the plan is for a person to carry out.`);
      return { engine: name, model, plan, patch, usage, latencyMs: Math.round(performance.now() - started), notes };
    },
  };
}
