"use client";
import { createContext, useCallback, useContext, useState } from "react";

/** A polite live region, so keyboard users hear what a palette item or shortcut just did. */
const AnnounceContext = createContext<(message: string) => void>(() => {});

export function Announcer({ children }: { children: React.ReactNode }) {
  const [message, setMessage] = useState("");
  // A trailing zero-width space toggles so the same message twice is still announced.
  const announce = useCallback((m: string) => setMessage((prev) => (prev === m ? `${m}\u200b` : m)), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div role="status" aria-live="polite" className="sr-only" data-testid="announcer">
        {message}
      </div>
    </AnnounceContext.Provider>
  );
}

export function useAnnounce() {
  return useContext(AnnounceContext);
}
