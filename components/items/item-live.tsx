"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { BoardChanges } from "@/lib/work-items/stream";

/**
 * Keeps an open item page current: listens to its workflow's change stream and re-renders the page
 * when this item changes (someone moved, edited, archived or commented on it).
 */
export function ItemLive({ workflowId, itemId, after }: { workflowId: string; itemId: string; after: number }) {
  const router = useRouter();
  useEffect(() => {
    // From the position the page was rendered at: a change made meanwhile still arrives.
    const source = new EventSource(`/api/v1/workflows/${workflowId}/events?after=${after}`);
    source.addEventListener("changes", (e) => {
      const changes = JSON.parse((e as MessageEvent<string>).data) as BoardChanges;
      if (changes.items.some((c) => c.id === itemId) || changes.removed.includes(itemId)) router.refresh();
    });
    return () => source.close();
  }, [workflowId, itemId, after, router]);
  return null;
}
