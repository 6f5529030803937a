"use client";
import Link from "next/link";
import { TextField } from "@/components/ui/text-field";
import type { AgentDraft } from "./agent-draft";
import { KindBadge } from "./kind-badge";
import { MonoField } from "./mono-field";

/** What each kind's fields get: the draft, a setter for one field, and the errors at a path. */
export type KindFieldProps = {
  draft: AgentDraft;
  set: <K extends keyof AgentDraft>(key: K, value: AgentDraft[K]) => void;
  err: (path: string) => string[] | undefined;
};

/** Help for a field that names a secret: a name to look up at run time, never the value itself. */
export function SecretHint({ example, what }: { example: string; what: string }) {
  return (
    <>
      The <em>name</em> of a stored secret, e.g. <code className="font-mono">{example}</code> — never the value. {what} Add or replace it under{" "}
      <Link href="/settings/secrets" className="font-medium text-indigo-600 hover:underline">
        Settings → Secrets
      </Link>
      .
    </>
  );
}

/** Dollars per million tokens, in and out: what the spend figures are estimated from. */
export function PriceFields({ draft, set, err }: KindFieldProps) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label="Input price (USD per million tokens)"
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        value={draft.inputPerMTok}
        onChange={(e) => set("inputPerMTok", e.target.value)}
        error={err("config.pricing.inputPerMTok")}
      />
      <TextField
        label="Output price (USD per million tokens)"
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        value={draft.outputPerMTok}
        onChange={(e) => set("outputPerMTok", e.target.value)}
        error={err("config.pricing.outputPerMTok")}
        hint="Only for cost estimates on runs and workflows; leave 0 for a free or local model."
      />
    </div>
  );
}

/** A remote agent service: where to POST the task, the bearer token's secret, how long to wait. */
export function HttpFields(props: KindFieldProps) {
  const { draft, set, err } = props;
  return (
    <div className="space-y-4">
      <TextField
        label="Execute URL"
        type="url"
        placeholder="https://agents.example.com/execute"
        value={draft.url}
        onChange={(e) => set("url", e.target.value)}
        error={err("config.url")}
        hint="Receives each task as JSON (task, input, run, idempotencyKey) in a POST and answers JSON: the output, or { output, usage }."
        autoComplete="off"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <MonoField
          label="Auth secret (optional)"
          value={draft.authSecret}
          onChange={(e) => set("authSecret", e.target.value)}
          error={err("config.authSecret")}
          hint={<SecretHint example="AGENT_SERVICE_TOKEN" what="Sent as Authorization: Bearer …." />}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="Timeout (ms)"
          type="number"
          min={100}
          step={100}
          value={draft.timeoutMs}
          onChange={(e) => set("timeoutMs", e.target.value)}
          error={err("config.timeoutMs")}
          hint="From 100 ms to 30 minutes; a timeout fails the attempt, which may be retried."
        />
      </div>
      <PriceFields {...props} />
    </div>
  );
}

/** A builtin agent has no settings: say what it does instead of showing an empty section. */
export function BuiltinNote() {
  return (
    <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">
      <KindBadge kind="builtin" /> The builtin planner runs offline and deterministically, with nothing to configure. It is what roles without a
      bound agent use; define one here to give it a name and capabilities that roles can require.
    </p>
  );
}
