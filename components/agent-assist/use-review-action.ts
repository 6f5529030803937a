"use client";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/auth/action-core";

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/**
 * Calls a review action inside a transition. A refusal shows as a toast in the domain's words and stays
 * in `failure` (with field errors, for the plan editor); a success may return a toast of its own.
 */
export function useReviewAction() {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<Failure | null>(null);
  const run = <T>(call: () => Promise<ActionResult<T>>, onDone?: (data: T) => void) =>
    new Promise<boolean>((resolve) => {
      startTransition(async () => {
        const result = await call().catch(() => null);
        if (!result) {
          setFailure({ ok: false, code: "internal", message: "The server could not be reached. Nothing was changed; try again." });
          toast.error("The server could not be reached. Nothing was changed; try again.");
          return resolve(false);
        }
        if (!result.ok) {
          setFailure(result);
          toast.error(result.message);
          return resolve(false);
        }
        setFailure(null);
        onDone?.(result.data);
        resolve(true);
      });
    });
  return { pending, failure, fieldErrors: failure?.fieldErrors ?? {}, run };
}
