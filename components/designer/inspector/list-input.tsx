"use client";
import { useState } from "react";
import { TextInput } from "./fields";

const parse = (text: string) =>
  text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A comma-separated list of short strings; the text stays as typed (trailing comma and all) while it means the value. */
export function ListInput({
  label,
  value,
  onChange,
  hint,
  error,
  maxItems,
  maxLength,
}: {
  label: string;
  value: readonly string[];
  onChange: (value: string[]) => void;
  hint?: React.ReactNode;
  error?: string | string[];
  maxItems: number;
  maxLength: number;
}) {
  const [text, setText] = useState(() => value.join(", "));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (!same(parse(text), value)) setText(value.join(", "));
  }
  const items = parse(text);
  const local =
    items.length > maxItems ? `At most ${maxItems} entries.` : items.some((i) => i.length > maxLength) ? `Keep each entry under ${maxLength} characters.` : undefined;
  return (
    <TextInput
      label={label}
      value={text}
      hint={hint}
      error={local ?? error}
      onChange={(t) => {
        setText(t);
        const next = parse(t);
        if (next.length <= maxItems && next.every((i) => i.length <= maxLength) && !same(next, value)) onChange(next);
      }}
    />
  );
}
