"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextArea } from "@/components/ui/textarea";
import { TextField } from "@/components/ui/text-field";
import type { AgentKind } from "@/lib/agents/catalog/schemas";
import { createAgentAction, updateAgentAction } from "@/lib/catalog/actions";
import { type AgentDraft, type AgentSource, PLACED_AGENT_ERRORS, type Visibility, agentDraft, agentInputOf, splitList } from "./agent-draft";
import { type FieldErrors, entryLabel, errorsAt, hasUnplaced, mergeErrors } from "./field-errors";
import { CapabilityChips, KindBadge } from "./kind-badge";
import { BuiltinNote, HttpFields } from "./kind-fields";
import { type HandoffOption, LlmFields } from "./llm-fields";
import { type OwnerChoice, OwnerFields } from "./owner-fields";
import { useObjectAction } from "./use-object-action";

const KINDS: { kind: AgentKind; label: string; hint: string }[] = [
  { kind: "llm", label: "LLM", hint: "A model with instructions and tools, on any OpenAI-compatible server." },
  { kind: "http", label: "HTTP service", hint: "Your own agent service: Tandem POSTs each task to it." },
  { kind: "builtin", label: "Builtin", hint: "Tandem's offline planner, under a name and capabilities." },
];

const LABELS: Record<string, (rest: string[]) => string> = {
  capabilities: entryLabel("Capability"),
  "config.tools": entryLabel("Tool"),
  "config.handoffs": entryLabel("Handoff"),
};

type Props =
  | { mode: "create"; owner: OwnerChoice & { visibility: Visibility; teamId: string }; others: HandoffOption[] }
  | { mode: "edit"; agent: AgentSource & { id: string; version: number }; others: HandoffOption[] };

/**
 * Defines an agent or edits one (each save is a new version, based on the version the editor opened, so a
 * save in between is reported rather than overwritten). The draft keeps every kind's fields, so trying
 * another kind and coming back loses nothing; JSON fields are checked here before anything is sent.
 */
export function AgentForm(props: Props) {
  const router = useRouter();
  const editing = props.mode === "edit" ? props.agent : null;
  const [draft, setDraft] = useState<AgentDraft>(() =>
    agentDraft(editing, props.mode === "create" ? props.owner : { visibility: "team", teamId: "" }),
  );
  const [local, setLocal] = useState<FieldErrors>({});
  const [base, setBase] = useState(editing?.version ?? 0);
  const [saved, setSaved] = useState<number | null>(null);
  const create = useObjectAction(createAgentAction, (data) => router.push(`/agents/catalog/${data.id}`));
  const update = useObjectAction(updateAgentAction, (data) => {
    setBase(data.version);
    setSaved(data.version);
  });
  const action = editing ? update : create;
  const errors = mergeErrors(local, action.fieldErrors);
  const err = (path: string) => errorsAt(errors, path, LABELS[path]);
  const set = <K extends keyof AgentDraft>(key: K, value: AgentDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(null);
  };

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = agentInputOf(draft);
    if (!parsed.ok) {
      setLocal(parsed.errors);
      action.clear();
      return;
    }
    setLocal({});
    if (editing) update.submit({ ...parsed.input, agentId: editing.id, baseVersion: base });
    else create.submit({ ...parsed.input, visibility: draft.visibility, teamId: draft.teamId || null });
  };

  const failure = action.failure;
  const summary =
    Object.keys(local).length > 0
      ? "Some fields need attention; see the messages beside them."
      : failure && (!failure.fieldErrors || hasUnplaced(failure.fieldErrors, PLACED_AGENT_ERRORS))
        ? failure.message
        : failure
          ? "Some fields need attention; see the messages beside them."
          : null;
  const capabilities = splitList(draft.capabilities);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200" data-testid="agent-form">
      <section className="space-y-4" aria-labelledby="agent-about">
        <h2 id="agent-about" className="font-semibold">
          About
        </h2>
        <TextField label="Name" value={draft.name} onChange={(e) => set("name", e.target.value)} error={err("name")} maxLength={80} autoComplete="off" />
        <TextArea
          label="Description"
          rows={2}
          value={draft.description}
          onChange={(e) => set("description", e.target.value)}
          error={err("description")}
          hint="What it is for, for the people choosing an agent for a role."
        />
        <div>
          <TextField
            label="Capabilities"
            value={draft.capabilities}
            onChange={(e) => set("capabilities", e.target.value)}
            error={err("capabilities")}
            placeholder="code.review, docs.write"
            autoComplete="off"
            spellCheck={false}
            hint="Comma-separated, lower-case (e.g. code.review). A role that needs a capability can be played only by agents that have it."
          />
          {capabilities.length ? (
            <div className="mt-2">
              <CapabilityChips capabilities={capabilities} />
            </div>
          ) : null}
        </div>
        {props.mode === "create" ? (
          <OwnerFields
            noun="agent"
            visibility={draft.visibility}
            teamId={draft.teamId}
            onChange={(o) => setDraft((d) => ({ ...d, ...o }))}
            choice={props.owner}
            errors={{ visibility: err("visibility"), teamId: err("teamId") }}
          />
        ) : null}
      </section>

      <section className="space-y-4 border-t border-slate-200 pt-5" aria-labelledby="agent-kind">
        <h2 id="agent-kind" className="font-semibold">
          Kind
        </h2>
        {editing ? (
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <KindBadge kind={draft.kind} /> An agent&apos;s kind cannot change; define a new agent for another kind.
          </p>
        ) : (
          <div role="radiogroup" aria-label="Kind of agent" className="grid gap-2 sm:grid-cols-3">
            {KINDS.map((k) => (
              <button
                key={k.kind}
                type="button"
                role="radio"
                aria-checked={draft.kind === k.kind}
                onClick={() => set("kind", k.kind)}
                data-testid={`agent-kind-${k.kind}`}
                className={`rounded-lg px-3 py-2 text-left ring-1 ring-inset ${draft.kind === k.kind ? "bg-indigo-50 ring-indigo-300" : "bg-white ring-slate-200 hover:bg-slate-50"}`}
              >
                <span className="block text-sm font-medium text-slate-900">{k.label}</span>
                <span className="block text-xs text-slate-500">{k.hint}</span>
              </button>
            ))}
          </div>
        )}
        {draft.kind === "llm" ? <LlmFields draft={draft} set={set} err={err} others={props.others} /> : null}
        {draft.kind === "http" ? <HttpFields draft={draft} set={set} err={err} /> : null}
        {draft.kind === "builtin" ? <BuiltinNote /> : null}
      </section>

      {summary ? (
        <FormError message={summary}>
          {failure?.code === "conflict" ? (
            <Button type="button" variant="secondary" onClick={() => window.location.reload()}>
              Load the latest version
            </Button>
          ) : null}
        </FormError>
      ) : null}
      {saved !== null ? (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200" data-testid="agent-saved">
          Saved as version {saved}.
        </p>
      ) : null}
      <div className="flex items-center justify-end gap-2 border-t border-slate-200 pt-4">
        {editing ? (
          <span className="mr-auto text-xs text-slate-500">Saving makes version {base + 1}; runs already started keep the version they pinned.</span>
        ) : null}
        <Link href="/agents/catalog" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
          {editing ? "Back to the catalog" : "Cancel"}
        </Link>
        <Button type="submit" disabled={action.pending} data-testid="agent-submit">
          {action.pending ? "Saving…" : editing ? "Save new version" : "Create agent"}
        </Button>
      </div>
    </form>
  );
}
