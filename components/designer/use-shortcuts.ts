"use client";
import { useEffect, useRef } from "react";

export type Shortcuts = {
  undo: () => void;
  redo: () => void;
  save: () => void;
  deleteSelection: () => void;
  copy: () => void;
  paste: () => void;
  clearSelection: () => void;
};

/** True while the user types in a field: then the keys belong to the field (its own undo, Backspace…). */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
}

/**
 * Designer keys: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo, Ctrl/Cmd+S save (also from a field),
 * Delete/Backspace delete, Ctrl/Cmd+C/V copy and paste, Escape clears the selection. Editing keys are off
 * when `canEdit` is false.
 */
export function useShortcuts(actions: Shortcuts, canEdit: boolean) {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector("dialog[open]")) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const a = ref.current;
      if (mod && key === "s") {
        e.preventDefault();
        if (canEdit) a.save();
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === "Escape") return a.clearSelection();
      if (!canEdit) return;
      if (mod && key === "z") {
        e.preventDefault();
        if (e.shiftKey) a.redo();
        else a.undo();
      } else if (mod && key === "y") {
        e.preventDefault();
        a.redo();
      } else if (!mod && (e.key === "Delete" || e.key === "Backspace")) {
        e.preventDefault();
        a.deleteSelection();
      } else if (mod && key === "c") {
        if (window.getSelection()?.toString()) return;
        a.copy();
      } else if (mod && key === "v") {
        a.paste();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canEdit]);
}
