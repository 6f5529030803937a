"use client";
import { useState } from "react";
import { TextArea } from "@/components/ui/textarea";
import { cleanJsonMessage, jsonErrorIndex, lineColumn } from "@/lib/workflows/io-json";
import { sameJson } from "./store/definition-slice";
import { useDesigner } from "./store/store";

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

const show = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value, null, 2));

/** Parses the text as the field wants it: empty means null (when allowed), objects only when asked. */
export function parseJsonText(text: string, opts: { nullable?: boolean; object?: boolean }): Parsed {
  if (!text.trim()) return opts.nullable ? { ok: true, value: null } : { ok: false, message: "Enter a JSON value." };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const index = jsonErrorIndex(text);
    const at = index === null ? null : lineColumn(text, index);
    const raw = cleanJsonMessage(err instanceof Error ? err.message : String(err));
    return { ok: false, message: at ? `${raw} (line ${at.line}:${at.column})` : raw };
  }
  if (opts.object && (typeof value !== "object" || value === null || Array.isArray(value))) {
    return { ok: false, message: "Enter a JSON object: { … }." };
  }
  return { ok: true, value };
}

/**
 * A monospace JSON editor. The text is the user's until it parses: only valid JSON reaches the store, and
 * invalid text stays on screen with the parse error (line:column) instead of being thrown away. When the
 * value changes from outside (undo), the text follows unless it already means the same.
 */
export function JsonField({
  label,
  value,
  onChange,
  nullable = false,
  object = false,
  error,
  hint,
  rows = 4,
  placeholder,
  check,
}: {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  nullable?: boolean;
  object?: boolean;
  error?: string | string[];
  hint?: React.ReactNode;
  rows?: number;
  placeholder?: string;
  /** A further rule on the parsed value: its complaint keeps the value out of the store, like a parse error. */
  check?: (value: unknown) => string | null;
}) {
  const breakCoalescing = useDesigner((s) => s.breakCoalescing);
  const [text, setText] = useState(() => show(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    const local = parseJsonText(text, { nullable, object });
    if (!local.ok || !sameJson(local.value, value)) setText(show(value));
  }
  const read = (t: string): ReturnType<typeof parseJsonText> => {
    const p = parseJsonText(t, { nullable, object });
    const complaint = p.ok && check ? check(p.value) : null;
    return complaint ? { ok: false, message: complaint } : p;
  };
  const parsed = read(text);
  return (
    <TextArea
      label={label}
      mono
      rows={rows}
      spellCheck={false}
      value={text}
      placeholder={placeholder}
      hint={hint}
      error={parsed.ok ? error : parsed.message}
      onBlur={breakCoalescing}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const p = read(next);
        if (p.ok && !sameJson(p.value, value)) onChange(p.value);
      }}
    />
  );
}
