"use client";
import { useRunLive } from "@/components/runs/use-run-live";

/**
 * Keeps the item page current while its latest run is going: the run's new events re-render the page,
 * so its status, a new approval or a failure show without a reload. `shownAt` is when the page was
 * rendered: the stream first replays older events, which the page already shows.
 */
export function ItemRunLive({ runId, shownAt }: { runId: string; shownAt: string }) {
  useRunLive({ runId, shownAt, active: true });
  return null;
}
