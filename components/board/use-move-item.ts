"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import type { BoardCard, BoardJson } from "@/lib/work-items/board-json";
import { moveItemAction } from "@/lib/work-items/actions";
import { localPosition } from "./board-state";
import { boardKey } from "./use-board";

type Move = { card: BoardCard; toStageId: string; afterId: string | null };

/**
 * Moves a card optimistically: the board shows the move at once, the server confirms it (new version
 * and position) or refuses it, in which case the card goes back and a toast says why.
 */
export function useMoveItem(workflowId: string) {
  const qc = useQueryClient();
  const key = boardKey(workflowId);
  const patch = (id: string, f: (c: BoardCard) => BoardCard) =>
    qc.setQueryData<BoardJson>(key, (b) => (b ? { ...b, items: b.items.map((c) => (c.id === id ? f(c) : c)) } : b));

  return useMutation({
    mutationKey: ["move", workflowId],
    mutationFn: async ({ card, toStageId, afterId }: Move) => {
      const result = await moveItemAction({ id: card.id, toStageId, afterId, version: card.version });
      if (!result.ok) throw Object.assign(new Error(result.message), { code: result.code });
      return result.data;
    },
    onMutate: async ({ card, toStageId, afterId }) => {
      await qc.cancelQueries({ queryKey: key });
      const items = qc.getQueryData<BoardJson>(key)?.items ?? [];
      const position = localPosition(items, toStageId, afterId, card.id);
      const entered = toStageId === card.stageId ? card.enteredStageAt : Date.now();
      patch(card.id, (c) => ({ ...c, stageId: toStageId, position, enteredStageAt: entered }));
      return { before: card };
    },
    onError: (err, _move, ctx) => {
      // Put the card back unless a newer version has arrived meanwhile.
      if (ctx) patch(ctx.before.id, (c) => (c.version === ctx.before.version ? ctx.before : c));
      const code = (err as Error & { code?: string }).code;
      toast.error(err.message, { id: `move-${ctx?.before.id}` });
      if (code === "conflict" || code === "not_found") void qc.invalidateQueries({ queryKey: key });
    },
    onSuccess: (data) => {
      patch(data.id, (c) => ({
        ...c,
        stageId: data.stageId,
        version: Math.max(c.version, data.version),
        position: data.position,
        completedAt: data.completedAt ? new Date(data.completedAt).getTime() : null,
      }));
    },
  });
}
