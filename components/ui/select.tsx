import type { SelectHTMLAttributes } from "react";
import { Field, controlClass } from "./field";

/** A labelled native select, with an optional hint and error. */
export function Select({
  label,
  hint,
  error,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; hint?: React.ReactNode; error?: string | string[] }) {
  return (
    <Field label={label} hint={hint} error={error} id={select.id}>
      {(aria) => (
        <select className={`${controlClass} pr-8`} {...aria} {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}
