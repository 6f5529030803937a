import type { TextareaHTMLAttributes } from "react";
import { Field, controlClass } from "./field";

/** A labelled textarea, with an optional hint and error; `mono` for code such as JSON. */
export function TextArea({
  label,
  hint,
  error,
  mono = false,
  ...textarea
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: React.ReactNode; error?: string | string[]; mono?: boolean }) {
  return (
    <Field label={label} hint={hint} error={error} id={textarea.id}>
      {(aria) => <textarea className={`${controlClass} ${mono ? "font-mono text-[13px] leading-5" : ""}`} {...aria} {...textarea} />}
    </Field>
  );
}
