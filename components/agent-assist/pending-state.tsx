"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/** How often a page with a pending recommendation asks the server again; the job usually takes seconds. */
const REFRESH_MS = 3000;
/** After this long the agent is stuck or its worker is down; polling on would only load the server. */
const GIVE_UP_MS = 5 * 60_000;

/**
 * The agent is still working: a spinner, and the page re-rendered every few seconds until the
 * recommendation is proposed or fails (its job writes no board change the item's live stream would carry).
 */
export function PendingState({ label = "The agent is preparing a plan…" }: { label?: string }) {
  const router = useRouter();
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), REFRESH_MS);
    const stop = setTimeout(() => {
      clearInterval(timer);
      setGaveUp(true);
    }, GIVE_UP_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [router]);
  return (
    <div role="status" className="space-y-1" data-testid="recommendation-pending">
      <p className="flex items-center gap-2 text-sm text-slate-600">
        <svg viewBox="0 0 24 24" className={`size-4 text-indigo-600 ${gaveUp ? "" : "animate-spin"}`} fill="none" stroke="currentColor" strokeWidth={2.2} aria-hidden>
          <path d="M12 3.5a8.5 8.5 0 1 1-8.5 8.5" strokeLinecap="round" />
        </svg>
        {label}
      </p>
      {gaveUp ? <p className="text-xs text-slate-500">This is taking longer than usual. Reload the page to check again.</p> : null}
    </div>
  );
}
