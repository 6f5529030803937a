"use client";
import { type ExecutorOf, HTTP_METHODS } from "@/lib/engine/graph-schema";
import { GlobeIcon } from "../icons";
import { SelectInput, TextInput } from "../inspector/fields";
import { JsonField } from "../json-field";
import type { ExecutorModule, ExecutorPanelProps } from "./types";

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");

function Panel({ executor, onChange, errorOf }: ExecutorPanelProps<"http">) {
  return (
    <>
      <SelectInput
        label="Method"
        value={executor.method}
        options={HTTP_METHODS.map((m) => ({ value: m, label: m }))}
        onChange={(method) => onChange({ ...executor, method }, "method")}
      />
      <TextInput
        label="URL"
        value={executor.url}
        maxLength={2_000}
        placeholder="https://api.example.com/hook"
        hint="May hold references such as {{previous_output.id}}."
        error={errorOf("url")}
        onChange={(url) => onChange({ ...executor, url }, "url")}
      />
      <JsonField
        label="Headers"
        object
        rows={3}
        value={executor.headers}
        check={(v) => (isStringRecord(v) ? null : "Each header value must be a string.")}
        error={errorOf("headers")}
        onChange={(headers) => onChange({ ...executor, headers: headers as Record<string, string> }, "headers")}
      />
      <JsonField
        label="Body"
        nullable
        rows={4}
        value={executor.body ?? null}
        hint="JSON; empty sends no body."
        error={errorOf("body")}
        onChange={(body) => onChange({ ...executor, body: body === null ? undefined : body }, "body")}
      />
    </>
  );
}

function host(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url.length > 28 ? `${url.slice(0, 27)}…` : url;
  }
}

export const httpExecutor: ExecutorModule<"http"> = {
  kind: "http",
  label: "HTTP request",
  icon: GlobeIcon,
  tone: "bg-sky-100 text-sky-700",
  defaults: (): ExecutorOf<"http"> => ({ kind: "http", method: "POST", url: "", headers: {} }),
  Panel,
  summary: (e) => (e.url ? `${e.method} ${host(e.url)}` : `${e.method} — no URL yet`),
};
