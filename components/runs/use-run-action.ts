"use client";
import { useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/auth/action-core";

/**
 * Calls a run action inside a transition: a refusal shows as a toast in the domain's own words, a
 * success may say what happened. Returns whether it succeeded, so forms can clear themselves.
 */
export function useRunAction() {
  const [pending, startTransition] = useTransition();
  const run = <T>(call: () => Promise<ActionResult<T>>, onDone?: (data: T) => string | void) =>
    new Promise<boolean>((resolve) => {
      startTransition(async () => {
        const result = await call().catch(() => null);
        if (!result) {
          toast.error("The server could not be reached. Nothing was changed; try again.");
          return resolve(false);
        }
        if (!result.ok) {
          toast.error(result.message);
          return resolve(false);
        }
        const message = onDone?.(result.data);
        if (message) toast.success(message);
        resolve(true);
      });
    });
  return { pending, run };
}
