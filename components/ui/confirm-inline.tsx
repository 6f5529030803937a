"use client";
import { Button } from "./button";

/**
 * The inline confirmation of a destructive action: what will happen, "Yes, …", Cancel, and the server's
 * refusal if there is one. The caller owns the state (confirming, pending, error).
 */
export function ConfirmInline(props: {
  /** Names the group for screen readers: "Confirm deleting Nightly sync". */
  label: string;
  warning: string;
  confirmText: string;
  pendingText: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2" role="group" aria-label={props.label}>
      <span className="text-xs text-slate-600">{props.warning}</span>
      <button
        type="button"
        onClick={props.onConfirm}
        disabled={props.pending}
        className="inline-flex items-center rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-500 disabled:cursor-not-allowed disabled:bg-rose-300"
      >
        {props.pending ? props.pendingText : props.confirmText}
      </button>
      <Button type="button" variant="ghost" onClick={props.onCancel} disabled={props.pending}>
        Cancel
      </Button>
      {props.error ? (
        <span role="alert" className="w-full text-right text-xs text-rose-600">
          {props.error}
        </span>
      ) : null}
    </span>
  );
}
