import type { CardAgent } from "./item-agent";
import type { CardRun } from "./item-runs";
import type { Board, BoardItem } from "./queries";

/** A board card as the browser holds it: plain JSON (times in epoch ms), the same from a page or the API. */
export type BoardCard = {
  id: string;
  stageId: string;
  title: string;
  priority: BoardItem["priority"];
  assigneeId: string | null;
  assigneeName: string | null;
  position: number;
  version: number;
  enteredStageAt: number;
  completedAt: number | null;
  /** The latest run in the current stage while it is active or after it failed; null otherwise. */
  run: CardRun | null;
  /** The agent's latest recommendation in the current stage while it works, waits for review, or failed. */
  agent: CardAgent | null;
};

export type BoardJson = {
  workflow: { id: string; name: string; level: Board["workflow"]["level"] };
  stages: Board["stages"];
  items: BoardCard[];
  assignees: Board["assignees"];
  cursor: number;
};

/** One board item as a card. */
export function toCard(i: BoardItem): BoardCard {
  return {
    id: i.id,
    stageId: i.stageId,
    title: i.title,
    priority: i.priority,
    assigneeId: i.assigneeId,
    assigneeName: i.assigneeName,
    position: i.position,
    version: i.version,
    enteredStageAt: i.enteredStageAt.getTime(),
    completedAt: i.completedAt ? i.completedAt.getTime() : null,
    run: i.run,
    agent: i.agent,
  };
}

/** The board as JSON for the board's client state. */
export function toBoardJson(b: Board): BoardJson {
  return {
    workflow: { id: b.workflow.id, name: b.workflow.name, level: b.workflow.level },
    stages: b.stages,
    items: b.items.map(toCard),
    assignees: b.assignees,
    cursor: b.cursor,
  };
}
