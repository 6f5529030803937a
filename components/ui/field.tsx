import { useId } from "react";

export const controlClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none aria-[invalid=true]:border-rose-400";

type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * Label, hint and error around one form control. The label names only the control (hint and error
 * are its description), so the render prop receives the id and aria attributes that tie them together.
 */
export function Field({
  label,
  hint,
  error,
  id: givenId,
  children,
}: {
  label: string;
  hint?: React.ReactNode;
  error?: string | string[];
  id?: string;
  children: (control: ControlProps) => React.ReactNode;
}) {
  const generated = useId();
  const id = givenId ?? generated;
  const message = Array.isArray(error) ? error.join(" ") : error;
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({ id, ...(message ? { "aria-invalid": true } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-rose-600" data-testid="field-error">
          {message}
        </p>
      ) : null}
    </div>
  );
}
