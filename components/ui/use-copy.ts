"use client";
import { useState } from "react";

/**
 * Copies text to the clipboard and says how it went: "copied", "failed" (the browser refused, e.g. an
 * insecure origin; the text stays selectable for copying by hand) or null before the first try.
 */
export function useCopy(text: string) {
  const [state, setState] = useState<"copied" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return { state, copy };
}
