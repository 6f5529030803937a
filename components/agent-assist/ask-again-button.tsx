"use client";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { requestRecommendationAction } from "@/lib/agents/actions";
import { useReviewAction } from "./use-review-action";

/** Asks the agent for a new recommendation on the item (after an error, or when the last one was turned down). */
export function AskAgainButton({ itemId, variant = "secondary" }: { itemId: string; variant?: "primary" | "secondary" }) {
  const { pending, run } = useReviewAction();
  return (
    <Button
      type="button"
      variant={variant}
      disabled={pending}
      onClick={() => run(() => requestRecommendationAction({ itemId }), () => toast.success("Asked the agent again."))}
      data-testid="ask-again"
    >
      {pending ? "Asking…" : "Ask again"}
    </Button>
  );
}
