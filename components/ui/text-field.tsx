import type { InputHTMLAttributes } from "react";
import { Field, controlClass } from "./field";

/** A labelled text input, with an optional hint and error. */
export function TextField({
  label,
  hint,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: React.ReactNode; error?: string | string[] }) {
  return <Field label={label} hint={hint} error={error} id={input.id}>{(aria) => <input className={`${controlClass} py-2`} {...aria} {...input} />}</Field>;
}
