"use client";
import { Button } from "@/components/ui/button";
import { cancelRunAction, pauseRunAction, resumeRunAction } from "@/lib/runs/actions";
import { useRunAction } from "./use-run-action";

/** Pause, Resume and Cancel, each shown only when the run view says the viewer may. */
export function RunControls({ runId, can }: { runId: string; can: { pause: boolean; resume: boolean; cancel: boolean } }) {
  const { pending, run } = useRunAction();
  if (!can.pause && !can.resume && !can.cancel) return null;
  return (
    <div className="flex gap-2">
      {can.pause ? (
        <Button type="button" variant="secondary" disabled={pending} data-testid="run-pause" onClick={() => run(() => pauseRunAction({ runId }), () => "Run paused.")}>
          Pause
        </Button>
      ) : null}
      {can.resume ? (
        <Button type="button" disabled={pending} data-testid="run-resume" onClick={() => run(() => resumeRunAction({ runId }), () => "Run resumed.")}>
          Resume
        </Button>
      ) : null}
      {can.cancel ? (
        <Button
          type="button"
          variant="secondary"
          className="text-rose-700"
          disabled={pending}
          data-testid="run-cancel"
          onClick={() => run(() => cancelRunAction({ runId }), () => "Run cancelled.")}
        >
          Cancel run
        </Button>
      ) : null}
    </div>
  );
}
