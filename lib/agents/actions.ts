"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/auth/action";
import { acceptInput, acceptRecommendation, rejectInput, rejectRecommendation, requestRecommendation } from "./review";

// Revalidating the item page re-renders the panel the action came from with the decision in it.
const itemPage = (itemId: string) => revalidatePath(`/items/${itemId}`);

const requestInput = z.object({ itemId: z.string().uuid("That is not an item id.") });

const accept = defineAction(acceptInput, async (actor, input) => {
  const { recommendation, applied } = await acceptRecommendation(await getDb(), actor, input);
  itemPage(recommendation.workItemId);
  return { id: recommendation.id, status: recommendation.status, applied };
});

const reject = defineAction(rejectInput, async (actor, input) => {
  const recommendation = await rejectRecommendation(await getDb(), actor, input);
  itemPage(recommendation.workItemId);
  return { id: recommendation.id, status: recommendation.status };
});

const request = defineAction(requestInput, async (actor, input) => {
  const recommendationId = await requestRecommendation(await getDb(), actor, input.itemId);
  itemPage(input.itemId);
  return { id: recommendationId };
});

/** Accepts a recommendation, maybe with an edited plan and patch, and applies its patch when allowed: `→ { id, status, applied }`. */
export async function acceptRecommendationAction(input: unknown) {
  return accept(input);
}

/** Rejects a recommendation with a reason: `{ id, reason }`. */
export async function rejectRecommendationAction(input: unknown) {
  return reject(input);
}

/** Asks the agent again for an item in an agent-assist stage: `{ itemId }` → `{ id }` of the pending recommendation. */
export async function requestRecommendationAction(input: unknown) {
  return request(input);
}
