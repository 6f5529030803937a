"use client";
import { startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/auth/action-core";

/**
 * A server action that takes an object (a catalog form's nested config) through `useActionState`.
 * `clear()` forgets the last answer, so a refusal from an earlier try is not shown beside a fresh
 * local complaint (invalid JSON caught before anything is sent).
 */
export function useObjectAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, onSuccess?: (data: T) => void) {
  const successRef = useRef(onSuccess);
  useEffect(() => {
    successRef.current = onSuccess;
  });
  const [state, dispatch, pending] = useActionState<ActionResult<T> | null, I | null>(async (_prev, input) => {
    if (input === null) return null;
    const result = await action(input);
    if (result.ok) successRef.current?.(result.data);
    return result;
  }, null);
  const submit = (input: I) => startTransition(() => dispatch(input));
  const clear = () => startTransition(() => dispatch(null));
  const failure = state && !state.ok ? state : null;
  return { state, failure, fieldErrors: failure?.fieldErrors ?? {}, submit, clear, pending };
}
