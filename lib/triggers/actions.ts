"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/auth/action";
import { triggerViews } from "./queries";
import { createTriggerForm, triggerIdInput } from "./schemas";
import { createTrigger, deleteTrigger, rotateTriggerSecret, updateTrigger } from "./service";

const page = (workflowId: string) => revalidatePath(`/workflows/${workflowId}/triggers`);

const create = defineAction(createTriggerForm, async (actor, input) => {
  const db = await getDb();
  const { trigger, secret } = await createTrigger(db, actor, input);
  page(trigger.workflowId);
  // The only time a webhook's secret leaves the server: the page shows it once.
  const [view] = await triggerViews(db, actor, [trigger]);
  return { view: view!, secret };
});

const setEnabled = defineAction(z.object({ id: z.string(), enabled: z.boolean() }), async (actor, input) => {
  const trigger = await updateTrigger(await getDb(), actor, input);
  page(trigger.workflowId);
  return { id: trigger.id, enabled: trigger.enabled };
});

const remove = defineAction(triggerIdInput, async (actor, input) => {
  const { id, workflowId } = await deleteTrigger(await getDb(), actor, input);
  page(workflowId);
  return { id };
});

const rotate = defineAction(triggerIdInput, async (actor, input) => {
  const { trigger, secret } = await rotateTriggerSecret(await getDb(), actor, input);
  page(trigger.workflowId);
  return { id: trigger.id, secret: secret! };
});

/** Adds a trigger from the page's form: `→ { view, secret }` (a webhook's secret, shown once). */
export async function createTriggerAction(prev: unknown, form: FormData) {
  return create(prev, form);
}

/** Turns a trigger on or off: `{ id, enabled }`. */
export async function setTriggerEnabledAction(input: unknown) {
  return setEnabled(input);
}

/** Deletes a trigger: `{ id }`. */
export async function deleteTriggerAction(input: unknown) {
  return remove(input);
}

/** Gives a webhook trigger a new secret: `{ id }` → `{ id, secret }`, shown once. */
export async function rotateTriggerSecretAction(input: unknown) {
  return rotate(input);
}
