"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/auth/action";
import { decideAgentCall } from "./agent-decisions";
import { cancelRun, pauseRun, resumeRun, retryRun } from "./control";
import { decideApproval, submitTaskOutput } from "./decisions";
import { listAgentWaits } from "./queries";
import { decideAgentCallInput, decideApprovalInput, retryRunInput, runRef, submitTaskOutputInput } from "./schemas";

// Revalidating the run page also re-renders the page the action came from (the item page's inline
// approval), so both show the decision without a second round trip.
const refresh = (runId: string) => revalidatePath(`/runs/${runId}`);
const summary = (run: { id: string; status: string }) => ({ id: run.id, status: run.status });

const pause = defineAction(runRef, async (actor, input) => {
  const run = await pauseRun(await getDb(), actor, input);
  refresh(run.id);
  return summary(run);
});

const resume = defineAction(runRef, async (actor, input) => {
  const run = await resumeRun(await getDb(), actor, input);
  refresh(run.id);
  return summary(run);
});

const cancel = defineAction(runRef, async (actor, input) => {
  const run = await cancelRun(await getDb(), actor, input);
  refresh(run.id);
  return summary(run);
});

const retry = defineAction(retryRunInput, async (actor, input) => {
  const run = await retryRun(await getDb(), actor, input);
  refresh(run.id);
  return summary(run);
});

const decide = defineAction(decideApprovalInput, async (actor, input) => {
  const result = await decideApproval(await getDb(), actor, input);
  refresh(input.runId);
  return result;
});

const decideAgent = defineAction(decideAgentCallInput, async (actor, input) => {
  const result = await decideAgentCall(await getDb(), actor, input);
  refresh(input.runId);
  return result;
});

// A read, as an action: the item page learns what an agent waits for only when its run waits (see ItemAgentWait).
const agentWaits = defineAction(runRef, async (actor, input) => listAgentWaits({ db: await getDb(), actor, runId: input.runId }));

const submit = defineAction(submitTaskOutputInput, async (actor, input) => {
  const task = await submitTaskOutput(await getDb(), actor, input);
  refresh(input.runId);
  return { taskKey: task.taskKey, status: task.status };
});

/** Pauses a run (run page header). */
export async function pauseRunAction(input: unknown) {
  return pause(input);
}

/** Resumes a paused run. */
export async function resumeRunAction(input: unknown) {
  return resume(input);
}

/** Cancels a run that has not finished. */
export async function cancelRunAction(input: unknown) {
  return cancel(input);
}

/** Runs a failed or cancelled run again from one of its failed or cancelled tasks. */
export async function retryRunAction(input: unknown) {
  return retry(input);
}

/** Approves or rejects an approval task (run page panel, item page). */
export async function decideApprovalAction(input: unknown) {
  return decide(input);
}

/** Approves or denies an agent call that waits for a person: a tool call, going over budget, a guarded call. */
export async function decideAgentCallAction(input: unknown) {
  return decideAgent(input);
}

/** The agent calls of a run waiting for a decision, and whether the viewer may give it (item page). */
export async function listAgentWaitsAction(input: unknown) {
  return agentWaits(input);
}

/** Completes a waiting human task with the output a person entered. */
export async function submitTaskOutputAction(input: unknown) {
  return submit(input);
}
