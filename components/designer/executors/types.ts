import type { ComponentType } from "react";
import type { ExecutorKind, ExecutorOf } from "@/lib/engine/graph-schema";
import type { IconProps } from "../icons";

/** What an executor's inspector panel gets: its executor, a way to commit a change, and its fields' errors. */
export type ExecutorPanelProps<K extends ExecutorKind> = {
  executor: ExecutorOf<K>;
  /** Commits a changed executor; `field` names what changed (for undo coalescing). */
  onChange: (next: ExecutorOf<K>, field: string) => void;
  /** Error messages for a field of the executor (`url` → issues on `executor.url`). */
  errorOf: (field: string) => string[] | undefined;
};

/** One executor kind, Dify-style: everything the designer knows about it in one module. */
export type ExecutorModule<K extends ExecutorKind> = {
  kind: K;
  label: string;
  icon: ComponentType<IconProps>;
  /** Tailwind classes for the icon chip on the node and in the palette. */
  tone: string;
  defaults: () => ExecutorOf<K>;
  Panel: ComponentType<ExecutorPanelProps<K>>;
  /** One short line for the canvas node. */
  summary: (executor: ExecutorOf<K>) => string;
};
