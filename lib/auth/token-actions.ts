"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { defineAction } from "./action";
import { createApiTokenInput, revokeApiTokenInput } from "./token-schemas";
import { createApiToken, revokeApiToken, tokenView } from "./tokens";

const create = defineAction(createApiTokenInput, async (actor, input) => {
  const { token, row } = await createApiToken(await getDb(), actor, input);
  revalidatePath("/settings/tokens");
  // The only time the secret leaves the server: the page shows it once.
  return { token, view: tokenView(row) };
});

const revoke = defineAction(revokeApiTokenInput, async (actor, input) => {
  const row = await revokeApiToken(await getDb(), actor, input);
  revalidatePath("/settings/tokens");
  return tokenView(row);
});

/** Creates a personal access token; takes an object or the settings form's data. */
export async function createApiTokenAction(prev: unknown, form?: FormData) {
  return form ? create(prev, form) : create(prev);
}

/** Revokes one of the caller's tokens. */
export async function revokeApiTokenAction(input: unknown) {
  return revoke(input);
}
