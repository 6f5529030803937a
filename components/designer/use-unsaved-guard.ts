"use client";
import { useCallback, useEffect, useRef } from "react";

export const LEAVE_MESSAGE = "You have unsaved changes. Leave without saving?";

/**
 * While there are unsaved changes: the browser asks before unloading, and in-app links ask before
 * navigating (capture phase, so the question comes before Next's client-side navigation). `release()`
 * lets the designer itself leave (reload after a conflict, open a saved copy).
 */
export function useUnsavedGuard(dirty: boolean) {
  const released = useRef(false);
  const armed = dirty;
  useEffect(() => {
    if (!armed) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (released.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (released.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.hasAttribute("download")) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      if (!window.confirm(LEAVE_MESSAGE)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [armed]);
  return useCallback(() => {
    released.current = true;
  }, []);
}
