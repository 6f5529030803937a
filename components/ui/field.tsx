import { useId } from "react";

export const controlClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none aria-[invalid=true]:border-rose-400";

/**
 * Label, hint and error around one form control. The render prop receives the props that tie the
 * control to its error for screen readers (`aria-invalid`, `aria-describedby`).
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: React.ReactNode;
  error?: string | string[];
  children: (control: { "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = useId();
  const message = Array.isArray(error) ? error.join(" ") : error;
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <label className="block">
      <span className="text-sm font-medium text-slate-700">{label}</span>
      {children({ ...(message ? { "aria-invalid": true } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {hint ? (
        <span id={`${id}-hint`} className="mt-1 block text-xs text-slate-500">
          {hint}
        </span>
      ) : null}
      {message ? (
        <span id={`${id}-error`} className="mt-1 block text-xs font-medium text-rose-600" data-testid="field-error">
          {message}
        </span>
      ) : null}
    </label>
  );
}
