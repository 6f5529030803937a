import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { agentCalls } from "@/db/schema";
import type { Gate } from "@/lib/agents/catalog/schemas";
import type { Actor } from "@/lib/auth/actor";
import { atLeast } from "@/lib/auth/permissions";
import { appendAudit } from "@/lib/audit/log";
import { resumeWaitingTask } from "@/lib/engine/runtime/complete";
import { appendRunEvents } from "@/lib/engine/runtime/events";
import { loadTasks, lockRun } from "@/lib/engine/runtime/state";
import { Conflict, Forbidden, Invalid } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { requireRun } from "./access";
import { decideAgentCallInput } from "./schemas";

/**
 * A person deciding on an agent call that waits: approve or deny a tool call, going over a budget, or a
 * call an approval guardrail holds. The decision is written on the call, audited, and the task is queued
 * to continue the same call: an approved tool runs, a denied one tells the model so; a denied budget or
 * guardrail fails the task. Needs WRITE on the workflow, as approving an approval task does.
 */
export async function decideAgentCall(db: Db, actor: Actor, input: unknown) {
  const data = parseInput(decideAgentCallInput, input);
  const { workflow } = await requireRun(db, actor, data.runId, "READ");
  if (!atLeast(workflow.level, "WRITE")) throw new Forbidden("Deciding on an agent's call needs WRITE access to this workflow.");
  return db.transaction(async (tx) => {
    const run = (await lockRun(tx, data.runId))!;
    const waiting = [...(await loadTasks(tx, run.id)).values()].filter((t) => t.status === "waiting" && t.waitingFor === "agent");
    const task = data.taskKey ? waiting.find((t) => t.taskKey === data.taskKey) : waiting.length === 1 ? waiting[0] : undefined;
    if (!task) {
      if (data.taskKey) throw new Conflict(`“${data.taskKey}” is not waiting for a decision on its agent call.`);
      if (waiting.length === 0) throw new Conflict("No agent call of this run is waiting for a decision.");
      throw new Invalid(`Say which task you mean (taskKey): this run has ${waiting.length || "no"} agent calls waiting.`, { taskKey: ["Required."] });
    }
    if (run.status === "paused") throw new Conflict("The run is paused; resume it before deciding.");
    if (!data.approve && !data.comment) throw new Invalid("Say why you deny it: a comment is required.", { comment: ["Required when denying."] });
    const [call] = await tx
      .select({ id: agentCalls.id, gate: agentCalls.gate })
      .from(agentCalls)
      .where(and(eq(agentCalls.taskRunId, task.id), eq(agentCalls.iteration, task.iteration), eq(agentCalls.status, "waiting")))
      .orderBy(desc(agentCalls.id))
      .limit(1);
    if (!call?.gate) throw new Conflict(`“${task.taskKey}” has no agent call waiting.`);
    if (call.gate.decision) throw new Conflict("Someone has already decided on this call.");
    const decision = { approve: data.approve, userId: actor.userId, by: actor.name, comment: data.comment, at: new Date().toISOString() };
    const gate: Gate = { ...call.gate, decision };
    // Guarded on no decision yet, so two people deciding at once produce one decision.
    const updated = await tx
      .update(agentCalls)
      .set({ gate })
      .where(and(eq(agentCalls.id, call.id), sql`${agentCalls.gate}->'decision' is null`))
      .returning({ id: agentCalls.id });
    if (updated.length === 0) throw new Conflict("Someone has already decided on this call.");
    await appendRunEvents(tx, run.id, [
      {
        type: data.approve ? "agent.approved" : "agent.denied",
        taskKey: task.taskKey,
        payload: { by: actor.name, comment: data.comment, gate: call.gate.kind, ...(call.gate.tool ? { tool: call.gate.tool.name } : {}) },
      },
    ]);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: data.approve ? "agent.approve" : "agent.deny",
      targetType: "run",
      targetId: run.id,
      requestId: actor.requestId,
      details: { workflowId: run.workflowId, taskKey: task.taskKey, gate: call.gate.kind, tool: call.gate.tool?.name ?? null, comment: data.comment },
    });
    await resumeWaitingTask(tx, { runId: run.id, taskRunId: task.id, attempt: task.attempt });
    return { taskKey: task.taskKey, gate: call.gate.kind, approved: data.approve };
  });
}
