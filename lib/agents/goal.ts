/**
 * How an agent-assist goal is written and read back: the stage's prompt, then "Work item: <title>" and the
 * item's description. Engines and routing read the item's part first: it says what this request is.
 */

const ITEM_LINE = /^\s*work item:\s*(.*)$/im;

/** An item as the agent reads it: "Work item: <title>", then its description. */
export function itemAbout(item: { title: string; description: string }): string {
  return [`Work item: ${item.title}`, item.description.trim()].filter(Boolean).join("\n");
}

/** The goal the agent works on for an item in an agent-assist stage. */
export function assistGoal(prompt: string, item: { title: string; description: string }): string {
  return [prompt.trim(), itemAbout(item)].filter(Boolean).join("\n\n");
}

/** The work item's part of a goal (its title line without the label, then its description), or null. */
export function itemPart(goal: string): string | null {
  const m = ITEM_LINE.exec(goal);
  if (!m) return null;
  return [m[1]!, goal.slice(m.index + m[0].length)].join("").trim() || null;
}

/** The goal's lines, with the work item's label taken off its title line. */
export function goalLines(goal: string): string[] {
  return goal.split("\n").map((line) => line.replace(/^\s*work item:\s*/i, ""));
}
