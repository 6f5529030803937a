"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import type { BoardJson } from "@/lib/work-items/board-json";
import { createItemAction } from "@/lib/work-items/actions";
import { boardKey } from "./use-board";

/** "+ Add item" at the foot of a column: type a title, Enter adds it and keeps the field open for the next. */
export function QuickAdd({ workflowId, stageId, stageName }: { workflowId: string; stageId: string; stageName: string }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [pending, setPending] = useState(false);

  async function submit() {
    if (!title.trim() || pending) return;
    setPending(true);
    const result = await createItemAction({ workflowId, stageId, title });
    setPending(false);
    if (!result.ok) {
      toast.error(result.message);
      return;
    }
    setTitle("");
    const { id, version } = result.data;
    // Show it at once; the live stream brings the full card a moment later.
    qc.setQueryData<BoardJson>(boardKey(workflowId), (b) => {
      if (!b || b.items.some((c) => c.id === id)) return b;
      const last = Math.max(0, ...b.items.filter((c) => c.stageId === stageId).map((c) => c.position));
      const card = { id, stageId, title: title.trim(), priority: "none" as const, assigneeId: null, assigneeName: null };
      return { ...b, items: [...b.items, { ...card, position: last + 1024, version, enteredStageAt: Date.now(), completedAt: null, run: null, agent: null }] };
    });
  }

  if (!open) {
    return (
      <button
        onClick={() => setOpen(true)}
        className="mt-1 rounded-md px-2 py-1.5 text-left text-sm text-slate-500 hover:bg-slate-200/70 hover:text-slate-800"
        data-testid="quick-add"
      >
        + Add item
      </button>
    );
  }
  return (
    <form
      className="mt-1 px-1"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        autoFocus
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setOpen(false);
        }}
        onBlur={() => {
          if (!title.trim()) setOpen(false);
        }}
        disabled={pending}
        maxLength={200}
        placeholder="Title, then Enter"
        aria-label={`New item in ${stageName}`}
        className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm outline-none focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500"
      />
    </form>
  );
}
