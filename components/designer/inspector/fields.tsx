"use client";
import { useId, useState } from "react";
import { Select } from "@/components/ui/select";
import { TextField } from "@/components/ui/text-field";
import { TextArea } from "@/components/ui/textarea";
import { useDesigner } from "../store/store";

/**
 * Inspector inputs: each commits on change (the store coalesces a typing burst into one undo step) and
 * ends the burst on blur. Read-only mode disables them through the surrounding <fieldset>.
 */

type Common = { label: string; error?: string | string[]; hint?: React.ReactNode };

export function TextInput({
  value,
  onChange,
  multiline = false,
  mono = false,
  ...rest
}: Common & {
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  mono?: boolean;
  placeholder?: string;
  maxLength?: number;
  list?: string;
  rows?: number;
}) {
  const onBlur = useDesigner((s) => s.breakCoalescing);
  if (multiline) return <TextArea {...rest} mono={mono} value={value} onBlur={onBlur} onChange={(e) => onChange(e.target.value)} />;
  return <TextField {...rest} value={value} onBlur={onBlur} onChange={(e) => onChange(e.target.value)} autoComplete="off" />;
}

export function SelectInput<T extends string>({
  value,
  onChange,
  options,
  ...rest
}: Common & { value: T; onChange: (value: T) => void; options: readonly { value: T; label: string }[] }) {
  return (
    <Select {...rest} value={value} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}

/**
 * A whole number in [min, max], shown divided by `scale` (milliseconds as seconds, say); any number in
 * range when `whole` is false (dollars). Text that is not such a number stays in the box with an error and
 * is not committed; empty means null when `optional`. `rangeMessage` replaces the generic error where
 * min/max divided by the scale would read badly.
 */
export function NumberInput({
  value,
  onChange,
  min,
  max,
  scale = 1,
  optional = false,
  whole = true,
  rangeMessage,
  error,
  ...rest
}: Common & {
  value: number | null;
  onChange: (value: number | null) => void;
  min: number;
  max: number;
  scale?: number;
  optional?: boolean;
  whole?: boolean;
  rangeMessage?: string;
  placeholder?: string;
}) {
  const onBlur = useDesigner((s) => s.breakCoalescing);
  const show = (v: number | null) => (v === null ? "" : String(v / scale));
  const [text, setText] = useState(() => show(value));
  const [seen, setSeen] = useState(value);
  const read = (t: string): { ok: true; value: number | null } | { ok: false; message: string } => {
    if (!t.trim()) return optional ? { ok: true, value: null } : { ok: false, message: "Enter a number." };
    const n = Number(t) * scale;
    const v = whole ? Math.round(n) : n;
    if (!Number.isFinite(n) || Math.abs(n - v) > 1e-9 || v < min || v > max) {
      return { ok: false, message: rangeMessage ?? `Enter a ${whole && scale === 1 ? "whole " : ""}number from ${min / scale} to ${max / scale}.` };
    }
    return { ok: true, value: v };
  };
  if (value !== seen) {
    setSeen(value);
    const local = read(text);
    if (!local.ok || local.value !== value) setText(show(value));
  }
  const parsed = read(text);
  return (
    <TextField
      {...rest}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      error={parsed.ok ? error : parsed.message}
      onBlur={onBlur}
      onChange={(e) => {
        setText(e.target.value);
        const p = read(e.target.value);
        if (p.ok && p.value !== value) onChange(p.value);
      }}
    />
  );
}

export function CheckboxInput({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: React.ReactNode }) {
  const id = useId();
  return (
    <div>
      <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300 accent-indigo-600"
          checked={checked}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 pl-6 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A titled group of inspector fields. */
export function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3 border-t border-slate-200 pt-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}
