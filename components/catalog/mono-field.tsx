import type { InputHTMLAttributes } from "react";
import { Field, controlClass } from "@/components/ui/field";

/**
 * A labelled monospace text input, for names people type exactly (secret names, policy tags). The ui
 * TextField's className would replace its control styling rather than add to it, hence this small twin.
 */
export function MonoField({
  label,
  hint,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: React.ReactNode; error?: string | string[] }) {
  return (
    <Field label={label} hint={hint} error={error} id={input.id}>
      {(aria) => <input className={`${controlClass} font-mono`} autoComplete="off" spellCheck={false} {...aria} {...input} />}
    </Field>
  );
}
