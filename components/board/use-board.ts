"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef } from "react";
import type { BoardCard, BoardJson } from "@/lib/work-items/board-json";
import type { BoardChanges } from "@/lib/work-items/stream";
import { mergeChanges } from "./board-state";

export const boardKey = (workflowId: string) => ["board", workflowId] as const;

async function fetchBoard(workflowId: string): Promise<BoardJson> {
  const res = await fetch(`/api/v1/workflows/${workflowId}/board`, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? `Loading the board failed (${res.status}).`);
  return res.json();
}

/** The board's client state: seeded by the server render, refreshed by the live stream. */
export function useBoard(initial: BoardJson) {
  const workflowId = initial.workflow.id;
  return useQuery({ queryKey: boardKey(workflowId), queryFn: () => fetchBoard(workflowId), initialData: initial, staleTime: Infinity });
}

/** Updates cards in the cached board. */
export function useUpdateCards(workflowId: string) {
  const qc = useQueryClient();
  return (update: (items: BoardCard[]) => BoardCard[]) =>
    qc.setQueryData<BoardJson>(boardKey(workflowId), (b) => (b ? { ...b, items: update(b.items) } : b));
}

/**
 * Follows the board's server-sent events and merges other people's changes into the cache. The
 * EventSource reconnects by itself and resumes from the last event id it saw. While `hold` is true (a card
 * is being dragged) changes wait and are merged in order when it ends: cards do not change size or place
 * under the pointer, which would also make drop targets flicker.
 */
export function useBoardLive(workflowId: string, cursor: number, hold = false) {
  const qc = useQueryClient();
  const held = useRef(hold);
  const waiting = useRef<BoardChanges[]>([]);
  const merge = useCallback(
    (changes: BoardChanges[]) => qc.setQueryData<BoardJson>(boardKey(workflowId), (b) => (b ? changes.reduce(mergeChanges, b) : b)),
    [qc, workflowId],
  );
  useEffect(() => {
    held.current = hold;
    if (!hold && waiting.current.length) merge(waiting.current.splice(0));
  }, [hold, merge]);
  useEffect(() => {
    const source = new EventSource(`/api/v1/workflows/${workflowId}/events?after=${cursor}`);
    source.addEventListener("changes", (e) => {
      const changes = JSON.parse((e as MessageEvent<string>).data) as BoardChanges;
      if (held.current) waiting.current.push(changes);
      else merge([changes]);
    });
    return () => source.close();
    // The cursor only seeds the first connection; reconnects use Last-Event-ID.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workflowId, merge]);
}

/** How often a board showing an active run looks again: run changes send no item event. */
const RUN_POLL_MS = 15_000;

/**
 * While any card shows a run still going (running, waiting, paused), refetches the board every
 * RUN_POLL_MS so the card learns when the run finishes or fails. Skipped while a card is dragged
 * (`hold`), while a move is in flight (its answer must not be overtaken) and while the tab is hidden;
 * nothing runs when no run is active.
 */
export function useRunPoll(workflowId: string, items: BoardCard[], hold = false) {
  const qc = useQueryClient();
  const held = useRef(hold);
  useEffect(() => {
    held.current = hold;
  }, [hold]);
  const active = useMemo(() => items.some((c) => c.run !== null && c.run.status !== "failed"), [items]);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (held.current || document.hidden || qc.isMutating({ mutationKey: ["move", workflowId] }) > 0) return;
      void qc.invalidateQueries({ queryKey: boardKey(workflowId) });
    }, RUN_POLL_MS);
    return () => clearInterval(timer);
  }, [active, qc, workflowId]);
}
