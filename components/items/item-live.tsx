"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { BoardChanges } from "@/lib/work-items/stream";

/**
 * Keeps an open item page current: listens to its workflow's change stream and re-renders the page
 * when this item changes (someone moved, edited, archived or commented on it).
 */
export function ItemLive({ workflowId, itemId }: { workflowId: string; itemId: string }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource(`/api/v1/workflows/${workflowId}/events`);
    source.addEventListener("changes", (e) => {
      const changes = JSON.parse((e as MessageEvent<string>).data) as BoardChanges;
      if (changes.items.some((c) => c.id === itemId) || changes.removed.includes(itemId)) router.refresh();
    });
    return () => source.close();
  }, [workflowId, itemId, router]);
  return null;
}
