"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { controlClass } from "@/components/ui/field";
import { moveItemAction } from "@/lib/work-items/actions";

type StageOption = { id: string; name: string; wipLimit: number | null };

/**
 * Moves the item to another stage through the same action as the board, based on the version this
 * page shows. A refusal (WIP limit, someone else's change) is shown as the server words it and the
 * picker returns to the stage the item is really in.
 */
export function ItemStageSelect({ itemId, version, stageId, stages }: { itemId: string; version: number; stageId: string; stages: StageOption[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const move = (toStageId: string) => {
    if (toStageId === stageId) return;
    setError(null);
    setTarget(toStageId);
    startTransition(async () => {
      const result = await moveItemAction({ id: itemId, toStageId, version });
      if (!result.ok) setError(result.message);
      else router.refresh();
      setTarget(null);
    });
  };
  return (
    <div className="space-y-1.5">
      <select
        aria-label="Stage"
        data-testid="stage-select"
        className={`${controlClass} mt-0 py-1.5`}
        value={target ?? stageId}
        disabled={pending}
        onChange={(e) => move(e.target.value)}
      >
        {stages.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
            {s.wipLimit !== null ? ` (WIP limit ${s.wipLimit})` : ""}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="text-xs leading-snug text-rose-600" data-testid="move-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
