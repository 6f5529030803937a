"use client";
import { useState } from "react";
import type { TaskGraph } from "@/lib/engine/graph-schema";
import { taskIdProblem } from "../edits";
import { TextInput } from "./fields";

/**
 * The task id. Each keystroke that makes a valid, free id renames the task (edges follow); an invalid or
 * taken id stays in the box with the reason, and the task keeps its last good id.
 */
export function TaskIdField({ graph, id, onRename, error }: { graph: TaskGraph; id: string; onRename: (next: string) => void; error?: string[] }) {
  const [text, setText] = useState(id);
  const [seen, setSeen] = useState(id);
  if (id !== seen) {
    setSeen(id);
    if (text !== id) setText(id);
  }
  const problem = text === id ? null : taskIdProblem(graph, id, text);
  return (
    <TextInput
      label="Task id"
      value={text}
      maxLength={64}
      hint="Other tasks refer to this task's output by it."
      error={problem ?? error}
      onChange={(next) => {
        setText(next);
        if (next !== id && !taskIdProblem(graph, id, next)) onRename(next);
      }}
    />
  );
}
