import type { Tone } from "@/components/ui/badge";
import type { Priority } from "@/lib/work-items/schemas";

/** Priorities in the order people pick them, each with its label and badge tone. */
export const PRIORITY_OPTIONS: { value: Priority; label: string; tone: Tone }[] = [
  { value: "urgent", label: "Urgent", tone: "rose" },
  { value: "high", label: "High", tone: "amber" },
  { value: "medium", label: "Medium", tone: "sky" },
  { value: "low", label: "Low", tone: "slate" },
  { value: "none", label: "No priority", tone: "slate" },
];

export function priorityOf(value: Priority) {
  return PRIORITY_OPTIONS.find((p) => p.value === value) ?? PRIORITY_OPTIONS.at(-1)!;
}
