"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/auth/action";
import { moveItem } from "./move";
import { addCommentInput, archiveItemInput, createItemInput, moveItemInput, updateItemInput } from "./schemas";
import { addComment, createItem, setItemArchived, updateItem } from "./service";

const refresh = (itemId: string) => revalidatePath(`/items/${itemId}`);

// Moves and creates revalidate nothing: a revalidation inside an action re-renders the page it came
// from, which for a board is thousands of cards per drag. Boards follow the live stream instead, and
// the item page refreshes itself after a move.
const move = defineAction(moveItemInput, async (actor, input) => {
  const { item } = await moveItem(await getDb(), actor, input);
  return { id: item.id, stageId: item.stageId, version: item.version, position: item.position, completedAt: item.completedAt };
});

const create = defineAction(createItemInput, async (actor, input) => {
  const item = await createItem(await getDb(), actor, input);
  return { id: item.id, stageId: item.stageId, version: item.version };
});

const update = defineAction(updateItemInput, async (actor, input) => {
  const item = await updateItem(await getDb(), actor, input);
  refresh(item.id);
  return { id: item.id, version: item.version };
});

const archive = defineAction(archiveItemInput, async (actor, input) => {
  const item = await setItemArchived(await getDb(), actor, input);
  refresh(item.id);
  return { id: item.id, archived: item.archivedAt !== null };
});

const comment = defineAction(addCommentInput, async (actor, input) => {
  const c = await addComment(await getDb(), actor, input);
  revalidatePath(`/items/${c.workItemId}`);
  return { id: c.id };
});

/** Moves an item (board drag and drop, keyboard moves, the item page's stage picker). */
export async function moveItemAction(input: unknown) {
  return move(input);
}

/** Creates an item; takes an object (quick-add) or form data (the full form). */
export async function createItemAction(prev: unknown, form?: FormData) {
  return form ? create(prev, form) : create(prev);
}

/** Edits an item's fields. */
export async function updateItemAction(prev: unknown, form?: FormData) {
  return form ? update(prev, form) : update(prev);
}

/** Archives or restores an item. */
export async function archiveItemAction(input: unknown) {
  return archive(input);
}

/** Adds a comment. */
export async function addCommentAction(prev: unknown, form?: FormData) {
  return form ? comment(prev, form) : comment(prev);
}
