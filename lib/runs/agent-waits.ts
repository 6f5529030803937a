import type { Gate } from "@/lib/agents/catalog/schemas";
import { type Level, atLeast } from "@/lib/auth/permissions";
import type { AgentCallView } from "@/lib/catalog/queries";

/** Pure: which agent calls of a run wait for a person, and whether the viewer may decide them. */

/** An agent call waiting for a person's decision, as the run page and the item page offer it. */
export type AgentWait = {
  taskKey: string;
  taskName: string;
  callId: number;
  /** The bound catalog agent's name, or “Builtin planner” when the role has none. */
  agentName: string;
  gate: Gate;
  /** Whether the viewer may approve or deny it now: WRITE on the workflow, and the run not paused. */
  canDecide: boolean;
  since: string;
};

export type WaitFacts = {
  runStatus: string;
  level: Level;
  tasks: readonly { key: string; name: string; status: string; waitingFor: string | null; iteration: number }[];
  calls: readonly Pick<AgentCallView, "id" | "taskKey" | "iteration" | "status" | "gate" | "agent" | "at">[];
};

/**
 * The calls waiting for a decision: one per task that waits for `agent`, its iteration's newest call
 * with a gate nobody has decided yet. A decided call stays `waiting` until the worker takes it up again,
 * so a decision already given is not offered twice. The rule for deciding is the service's
 * (`decideAgentCall`): WRITE on the workflow, the run not paused.
 */
export function agentWaitsOf({ runStatus, level, tasks, calls }: WaitFacts): AgentWait[] {
  const canDecide = runStatus !== "paused" && atLeast(level, "WRITE");
  const waits: AgentWait[] = [];
  for (const task of tasks) {
    if (task.status !== "waiting" || task.waitingFor !== "agent") continue;
    const open = calls
      .filter((c) => c.taskKey === task.key && c.iteration === task.iteration && c.status === "waiting" && c.gate && !c.gate.decision)
      .sort((a, b) => b.id - a.id)[0];
    if (!open?.gate) continue;
    waits.push({
      taskKey: task.key,
      taskName: task.name,
      callId: open.id,
      agentName: open.agent?.name ?? "Builtin planner",
      gate: open.gate,
      canDecide,
      since: open.at,
    });
  }
  return waits;
}
