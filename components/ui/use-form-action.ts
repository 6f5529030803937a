"use client";
import { type FormEvent, startTransition, useActionState, useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/auth/action-core";

/**
 * A server action behind a form, through `useActionState`. Submits from `onSubmit` rather than the
 * form's `action` prop because React resets a form after its action runs: a refused submission
 * (invalid JSON, a conflict) would otherwise wipe everything the person typed.
 */
export function useFormAction<T>(
  action: (prev: unknown, form: FormData) => Promise<ActionResult<T>>,
  onSuccess?: (data: T, form: HTMLFormElement) => void,
) {
  const formRef = useRef<HTMLFormElement | null>(null);
  const successRef = useRef(onSuccess);
  useEffect(() => {
    successRef.current = onSuccess;
  });
  const [state, dispatch, pending] = useActionState<ActionResult<T> | null, FormData>(async (prev, form) => {
    const result = await action(prev, form);
    if (result.ok && formRef.current) successRef.current?.(result.data, formRef.current);
    return result;
  }, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    formRef.current = event.currentTarget;
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  const failure = state && !state.ok ? state : null;
  return { state, failure, fieldErrors: failure?.fieldErrors ?? {}, onSubmit, pending };
}
