"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/auth/action";
import {
  createWorkflowInput,
  instantiateTemplateInput,
  renameWorkflowInput,
  saveAsCopyInput,
  saveAsTemplateInput,
  saveDefinitionInput,
} from "./schemas";
import { renameWorkflow } from "./service";
import { createWorkflow, instantiateTemplate, saveAsCopy, saveAsTemplate } from "./templates";
import { saveDefinition } from "./versions";

const rename = defineAction(renameWorkflowInput, async (actor, input) => {
  const wf = await renameWorkflow(await getDb(), actor, input);
  revalidatePath(`/workflows/${wf.id}`);
  revalidatePath("/workflows");
  return { id: wf.id, name: wf.name };
});

export async function renameWorkflowAction(prev: unknown, form: FormData) {
  return rename(prev, form);
}

// The designer's save revalidates nothing: the designer keeps its own state, and the board reads stages fresh.
const save = defineAction(saveDefinitionInput, async (actor, input) => {
  const saved = await saveDefinition(await getDb(), actor, input);
  return { version: saved.version, definition: saved.definition };
});

const created = (wf: { id: string; name: string }) => {
  revalidatePath("/workflows");
  revalidatePath("/templates");
  return { id: wf.id, name: wf.name };
};

const copy = defineAction(saveAsCopyInput, async (actor, input) => created(await saveAsCopy(await getDb(), actor, input)));
const create = defineAction(createWorkflowInput, async (actor, input) => created(await createWorkflow(await getDb(), actor, input)));
const instantiate = defineAction(instantiateTemplateInput, async (actor, input) =>
  created(await instantiateTemplate(await getDb(), actor, input)),
);
const toTemplate = defineAction(saveAsTemplateInput, async (actor, input) => created(await saveAsTemplate(await getDb(), actor, input)));

/** Saves a definition as the next version: `{ workflowId, baseVersion, definition, source? }` → `{ version, definition }`. */
export async function saveDefinitionAction(input: unknown) {
  return save(input);
}

/** Saves the designer's edit as a new workflow (the way out of a save conflict): → `{ id, name }`. */
export async function saveAsCopyAction(input: unknown) {
  return copy(input);
}

/** Creates a workflow, blank or from an imported definition; object or form data. */
export async function createWorkflowAction(prev: unknown, form?: FormData) {
  return form ? create(prev, form) : create(prev);
}

/** Instantiates a template as a new workflow; object or form data. */
export async function instantiateTemplateAction(prev: unknown, form?: FormData) {
  return form ? instantiate(prev, form) : instantiate(prev);
}

/** Saves a workflow as a template; object or form data. */
export async function saveAsTemplateAction(prev: unknown, form?: FormData) {
  return form ? toTemplate(prev, form) : toTemplate(prev);
}
