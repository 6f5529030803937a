"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/auth/action";
import { deleteSecretInput, setSecretInput } from "./schemas";
import { deleteSecret, setSecret } from "./store";

const PAGE = "/settings/secrets";

// Answers carry the name and scope only: a value goes in and never comes back out.
const set = defineAction(setSecretInput, async (actor, input) => {
  const view = await setSecret(await getDb(), actor, input);
  revalidatePath(PAGE);
  return view;
});

const remove = defineAction(deleteSecretInput, async (actor, input) => {
  const result = await deleteSecret(await getDb(), actor, input);
  revalidatePath(PAGE);
  return result;
});

/** Adds or replaces a secret from the settings forms (`scope`, `teamId`, `name`, `value`) → its view, never its value. */
export async function setSecretAction(prev: unknown, form?: FormData) {
  return form ? set(prev, form) : set(prev);
}

/** Deletes a secret: `{ scope, teamId?, name }`. */
export async function deleteSecretAction(input: unknown) {
  return remove(input);
}
