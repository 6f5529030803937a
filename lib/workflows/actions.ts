"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/auth/action";
import { renameWorkflowInput } from "./schemas";
import { renameWorkflow } from "./service";

const rename = defineAction(renameWorkflowInput, async (actor, input) => {
  const wf = await renameWorkflow(await getDb(), actor, input);
  revalidatePath(`/workflows/${wf.id}`);
  revalidatePath("/workflows");
  return { id: wf.id, name: wf.name };
});

export async function renameWorkflowAction(prev: unknown, form: FormData) {
  return rename(prev, form);
}
