"use client";
import { TextArea } from "@/components/ui/textarea";
import { TextField } from "@/components/ui/text-field";
import { KindBadge } from "./kind-badge";
import { type KindFieldProps, PriceFields, SecretHint } from "./kind-fields";
import { MonoField } from "./mono-field";

export type HandoffOption = { id: string; name: string; kind: string };

const TOOLS_EXAMPLE = `[
  {
    "name": "search_issues",
    "description": "Finds issues by text",
    "url": "https://tools.example.com/search",
    "parameters": { "type": "object", "properties": { "q": { "type": "string" } } },
    "requiresApproval": false
  }
]`;

/** An llm agent: persona, model and server, its key's secret, output schema, tools, handoffs, limits and prices. */
export function LlmFields(props: KindFieldProps & { others: HandoffOption[] }) {
  const { draft, set, err, others } = props;
  const toggle = (id: string, on: boolean) => set("handoffs", on ? [...draft.handoffs, id] : draft.handoffs.filter((h) => h !== id));
  // A handoff to an agent since archived (or one the editor cannot see) stays listed, so it can be removed.
  const options = [...others, ...draft.handoffs.filter((id) => !others.some((o) => o.id === id)).map((id) => ({ id, name: "An archived or hidden agent", kind: "" }))];
  return (
    <div className="space-y-4">
      <TextArea
        label="Instructions"
        rows={6}
        value={draft.instructions}
        onChange={(e) => set("instructions", e.target.value)}
        error={err("config.instructions")}
        hint="The system prompt every call starts with: who the agent is and how it answers."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Model server URL (optional)"
          type="url"
          placeholder="https://api.openai.com/v1"
          value={draft.baseUrl}
          onChange={(e) => set("baseUrl", e.target.value)}
          error={err("config.baseUrl")}
          hint="Any OpenAI-compatible server (OpenAI, Ollama, vLLM…). Empty: the instance's TANDEM_LLM_BASE_URL."
          autoComplete="off"
        />
        <TextField
          label="Model (optional)"
          placeholder="gpt-4o-mini"
          value={draft.model}
          onChange={(e) => set("model", e.target.value)}
          error={err("config.model")}
          hint="Empty: the instance's TANDEM_LLM_MODEL."
          autoComplete="off"
        />
        <MonoField
          label="API key secret (optional)"
          value={draft.apiKeySecret}
          onChange={(e) => set("apiKeySecret", e.target.value)}
          error={err("config.apiKeySecret")}
          hint={<SecretHint example="OPENAI_API_KEY" what="Looked up among the workflow owner's secrets; empty uses the instance's key." />}
          autoComplete="off"
          spellCheck={false}
        />
        <div className="grid grid-cols-2 gap-4">
          <TextField
            label="Temperature"
            type="number"
            min={0}
            max={2}
            step={0.1}
            value={draft.temperature}
            onChange={(e) => set("temperature", e.target.value)}
            error={err("config.temperature")}
            hint="0 to 2."
          />
          <TextField
            label="Max turns"
            type="number"
            min={1}
            max={50}
            step={1}
            value={draft.maxTurns}
            onChange={(e) => set("maxTurns", e.target.value)}
            error={err("config.maxTurns")}
            hint="Model rounds per call, 1 to 50."
          />
        </div>
      </div>
      <TextArea
        label="Output schema (optional)"
        mono
        rows={4}
        spellCheck={false}
        placeholder={'{ "type": "object", "properties": { "summary": { "type": "string" } }, "required": ["summary"] }'}
        value={draft.outputSchema}
        onChange={(e) => set("outputSchema", e.target.value)}
        error={err("config.outputSchema")}
        hint="A JSON Schema object the answer must match. Empty: the task's own output schema, if any."
      />
      <TextArea
        label="Tools (optional)"
        mono
        rows={8}
        spellCheck={false}
        placeholder={TOOLS_EXAMPLE}
        value={draft.tools}
        onChange={(e) => set("tools", e.target.value)}
        error={err("config.tools")}
        hint={
          <>
            A JSON list of HTTP tools, each <code className="font-mono">{"{ name, description, url, parameters, requiresApproval }"}</code>. A tool with{" "}
            <code className="font-mono">requiresApproval: true</code> waits for a person before each call.
          </>
        }
      />
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Handoffs (optional)</legend>
        <p className="text-xs text-slate-500">Agents this one may hand a sub-task to; each is offered to the model as a tool.</p>
        {options.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">No other agents to hand off to yet.</p>
        ) : (
          <ul className="mt-2 grid gap-1 sm:grid-cols-2" data-testid="handoff-options">
            {options.map((o) => (
              <li key={o.id}>
                <label className="flex items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-50">
                  <input
                    type="checkbox"
                    checked={draft.handoffs.includes(o.id)}
                    onChange={(e) => toggle(o.id, e.target.checked)}
                    className="size-4 rounded border-slate-300 text-indigo-600"
                  />
                  <span className="truncate">{o.name}</span>
                  {o.kind ? <KindBadge kind={o.kind} /> : null}
                </label>
              </li>
            ))}
          </ul>
        )}
        {err("config.handoffs") ? (
          <p className="mt-1 text-xs font-medium text-rose-600" data-testid="field-error">
            {err("config.handoffs")!.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <PriceFields {...props} />
    </div>
  );
}
