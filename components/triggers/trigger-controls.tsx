"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import { deleteTriggerAction, rotateTriggerSecretAction, setTriggerEnabledAction } from "@/lib/triggers/actions";
import { SecretNotice } from "./webhook-help";

/** A switch that turns a trigger on or off at once (a cron trigger's schedule follows). */
export function EnabledToggle({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const [on, setOn] = useState(enabled);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const flip = () => {
    const next = !on;
    setOn(next);
    setError(null);
    startTransition(async () => {
      const result = await setTriggerEnabledAction({ id, enabled: next });
      if (!result.ok) {
        setOn(!next);
        setError(result.message);
      }
    });
  };
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-label={`${name} is ${on ? "on" : "off"}`}
        onClick={flip}
        disabled={pending}
        data-testid="trigger-enabled"
        className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:opacity-60 ${on ? "bg-emerald-500" : "bg-slate-300"}`}
      >
        <span className={`inline-block h-4 w-4 rounded-full bg-white shadow transition-transform ${on ? "translate-x-4" : "translate-x-0.5"}`} />
      </button>
      {error ? (
        <span role="alert" className="text-xs text-rose-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** Deletes a trigger after an inline confirmation. */
export function DeleteTriggerButton({ id, name }: { id: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!confirming) {
    return (
      <Button type="button" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>
        Delete
      </Button>
    );
  }
  const remove = () =>
    startTransition(async () => {
      const result = await deleteTriggerAction({ id });
      if (!result.ok) setError(result.message);
    });
  return (
    <ConfirmInline
      label={`Confirm deleting ${name}`}
      warning="Items it made stay."
      confirmText="Yes, delete"
      pendingText="Deleting…"
      pending={pending}
      error={error}
      onConfirm={remove}
      onCancel={() => setConfirming(false)}
    />
  );
}

/** Makes a new webhook secret (the old one stops working) and shows it once. */
export function RotateSecret({ id, name, url }: { id: string; name: string; url: string }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (secret) return <SecretNotice name={name} url={url} secret={secret} onDismiss={() => setSecret(null)} />;
  const rotate = () =>
    startTransition(async () => {
      const result = await rotateTriggerSecretAction({ id });
      if (result.ok) {
        setSecret(result.data.secret);
        setConfirming(false);
      } else setError(result.message);
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {confirming ? (
        <>
          <span className="text-xs text-slate-600">Senders using the old secret are refused from now on.</span>
          <Button type="button" onClick={rotate} disabled={pending}>
            {pending ? "Rotating…" : "Yes, make a new secret"}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </Button>
        </>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
          Rotate secret
        </Button>
      )}
      {error ? (
        <span role="alert" className="text-xs text-rose-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
