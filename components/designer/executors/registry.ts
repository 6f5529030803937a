import type { ComponentType } from "react";
import { EXECUTOR_KINDS, type Executor, type ExecutorKind } from "@/lib/engine/graph-schema";
import { agentExecutor } from "./agent";
import { approvalExecutor } from "./approval";
import { delayExecutor } from "./delay";
import { httpExecutor } from "./http";
import { humanExecutor } from "./human";
import { transformExecutor } from "./transform";
import type { ExecutorModule, ExecutorPanelProps } from "./types";

/** Executor kind → its module (label, icon, defaults, inspector panel, node summary). */
export const EXECUTORS: { [K in ExecutorKind]: ExecutorModule<K> } = {
  agent: agentExecutor,
  approval: approvalExecutor,
  human: humanExecutor,
  http: httpExecutor,
  transform: transformExecutor,
  delay: delayExecutor,
};

/** The kinds in palette order. */
export const EXECUTOR_ORDER: readonly ExecutorKind[] = EXECUTOR_KINDS;

/** The module of an executor, typed loosely for code that handles any kind. */
export function executorModule(kind: ExecutorKind): ExecutorModule<ExecutorKind> {
  return EXECUTORS[kind] as unknown as ExecutorModule<ExecutorKind>;
}

/** A task of a kind as a sentence names it: "an agent task", "a human task", "an HTTP request task". */
export function taskPhrase(kind: ExecutorKind): string {
  const label = EXECUTORS[kind].label;
  const noun = (/\btask$/i.test(label) ? label : `${label} task`).replace(/^[A-Z][a-z]+/, (w) => w.toLowerCase());
  // "an HTTP…": the article follows how the acronym is spoken.
  return `${/^([aeiou]|HTTP)/i.test(noun) ? "an" : "a"} ${noun}`;
}

/** The node's one-line summary of an executor. */
export function summarize(executor: Executor): string {
  return (EXECUTORS[executor.kind].summary as (e: Executor) => string)(executor);
}

/** The inspector panel of an executor's kind. */
export function panelOf(kind: ExecutorKind): ComponentType<ExecutorPanelProps<ExecutorKind>> {
  return EXECUTORS[kind].Panel as unknown as ComponentType<ExecutorPanelProps<ExecutorKind>>;
}
