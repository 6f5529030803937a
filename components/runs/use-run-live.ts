"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { RUN_EVENT_TYPES, type RunEventEntry } from "./event-text";

/** Events arrive in bursts (one transaction appends several); one refresh covers a burst. */
const REFRESH_DELAY_MS = 250;
/** Without a stream (it failed or is not there), an active run is looked at this often. */
const FALLBACK_POLL_MS = 5_000;

type Options = {
  runId: string;
  /** The last seq the page already shows: the stream starts after it. */
  lastSeq?: number;
  /** Without `lastSeq` the stream replays the run's story; events at or before this instant change nothing. */
  shownAt?: string;
  active: boolean;
  onEvent?: (e: RunEventEntry) => void;
};

/**
 * Keeps a page live on one run: follows `/api/v1/runs/{id}/events`, hands each event to `onEvent` at
 * once and re-renders the page from the server shortly after, so everything shows the run's real state.
 * The stream ends itself (`end`) once the run is final; when the page then sees the run active again (a
 * retry), it follows it anew. If the stream cannot be opened, an active run is refreshed on a timer.
 */
export function useRunLive({ runId, lastSeq, shownAt, active, onEvent }: Options) {
  const router = useRouter();
  const latest = useRef({ active, onEvent, router, lastSeq, shownAt });
  useEffect(() => {
    latest.current = { active, onEvent, router, lastSeq, shownAt };
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let poll: ReturnType<typeof setInterval> | null = null;
    let opened = false;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        latest.current.router.refresh();
      }, REFRESH_DELAY_MS);
    };
    const after = latest.current.lastSeq;
    const source = new EventSource(`/api/v1/runs/${runId}/events${after === undefined ? "" : `?after=${after}`}`);
    const onMessage = (e: MessageEvent<string>) => {
      let data: Partial<RunEventEntry> | null = null;
      try {
        data = JSON.parse(e.data) as Partial<RunEventEntry>;
      } catch {
        // Not one of ours: only the refresh matters.
      }
      if (data && typeof data.seq === "number" && typeof data.type === "string") {
        const entry = { seq: data.seq, type: data.type, taskKey: data.taskKey ?? null, payload: data.payload ?? {}, at: data.at ?? new Date().toISOString() };
        latest.current.onEvent?.(entry);
        const shown = latest.current.shownAt;
        if (shown && entry.at <= shown) return;
      }
      refresh();
    };
    for (const type of RUN_EVENT_TYPES) source.addEventListener(type, onMessage);
    source.addEventListener("message", onMessage);
    source.addEventListener("end", () => {
      source.close();
      refresh();
    });
    source.addEventListener("open", () => {
      if (poll) clearInterval(poll);
      poll = null;
      // A reconnect resumes from the last event id, but the page may have missed a refresh meanwhile.
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener("error", () => {
      if (source.readyState !== EventSource.CLOSED || poll) return;
      poll = setInterval(() => {
        if (latest.current.active && !document.hidden) latest.current.router.refresh();
      }, FALLBACK_POLL_MS);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
    };
  }, [runId, active]);
}
