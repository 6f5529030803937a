"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { bindRoleAction } from "@/lib/catalog/actions";
import type { RoleBindingView } from "@/lib/catalog/bindings";

type Candidate = RoleBindingView["candidates"][number];

/** Why a candidate cannot play the role, short enough for an option's label. */
export function unavailable(c: Candidate): string | null {
  if (c.missing.length) return `lacks ${c.missing.join(", ")}`;
  if (c.problem) return "cannot serve this workflow";
  return null;
}

/**
 * Chooses the agent of one role: a select of the agents the actor can see, where those that lack a
 * capability or cannot serve this workflow are disabled with the reason, then Bind; or Unbind.
 */
export function RoleBindingControls({ workflowId, role }: { workflowId: string; role: RoleBindingView }) {
  const bound = role.agent?.id ?? null;
  const firstOk = role.candidates.find((c) => !unavailable(c))?.id ?? "";
  const [choice, setChoice] = useState(role.candidates.some((c) => c.id === bound) ? bound! : firstOk);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const send = (agentId: string | null) => {
    setError(null);
    startTransition(async () => {
      const result = await bindRoleAction({ workflowId, roleId: role.id, agentId });
      if (!result.ok) setError(result.fieldErrors?.agentId?.[0] ?? result.message);
    });
  };
  const blocked = role.candidates.filter((c) => unavailable(c));
  const chosen = role.candidates.find((c) => c.id === choice);
  return (
    <div className="space-y-2" data-testid="binding-controls">
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor={`agent-for-${role.id}`}>
          Agent for {role.name}
        </label>
        <select
          id={`agent-for-${role.id}`}
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          className={`${controlClass} mt-0 w-auto min-w-56 flex-1 pr-8`}
          data-testid="agent-select"
        >
          {role.candidates.length === 0 ? <option value="">No agents in the catalog</option> : null}
          {role.candidates.map((c) => {
            const why = unavailable(c);
            return (
              <option key={c.id} value={c.id} disabled={why !== null} title={c.problem ?? undefined}>
                {c.name} ({c.kind}){c.id === bound ? " · bound" : ""}
                {why ? ` — ${why}` : ""}
              </option>
            );
          })}
        </select>
        <Button type="button" onClick={() => send(choice)} disabled={pending || !choice || choice === bound || !chosen || unavailable(chosen) !== null} data-testid="bind-role">
          {pending ? "Saving…" : "Bind"}
        </Button>
        {bound ? (
          <Button type="button" variant="secondary" onClick={() => send(null)} disabled={pending} data-testid="unbind-role">
            Unbind
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-xs font-medium text-rose-600">
          {error}
        </p>
      ) : null}
      {blocked.length ? (
        <details className="text-xs text-slate-500">
          <summary className="cursor-pointer hover:text-slate-700">
            {blocked.length} agent{blocked.length === 1 ? "" : "s"} cannot play this role
          </summary>
          <ul className="mt-1 space-y-0.5 pl-4" data-testid="unavailable-agents">
            {blocked.map((c) => (
              <li key={c.id}>
                <span className="font-medium text-slate-700">{c.name}</span>:{" "}
                {c.missing.length ? `lacks ${c.missing.join(", ")}` : ""}
                {c.missing.length && c.problem ? "; " : ""}
                {c.problem ?? ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
