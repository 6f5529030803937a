import type { Metadata } from "next";
import { cache } from "react";
import { ItemLive } from "@/components/items/item-live";
import { ItemView } from "@/components/items/item-view";
import { getDb } from "@/db/client";
import { listItemReview } from "@/lib/agents/review-queries";
import { orNotFound } from "@/lib/pages";
import { getActor, requireActor } from "@/lib/auth/session";
import { itemFeedCursor } from "@/lib/work-items/events";
import { getItemPage } from "@/lib/work-items/queries";
import { itemId } from "@/lib/work-items/schemas";

type Props = { params: Promise<{ id: string }> };

// Metadata and page share one load per request.
const loadItem = cache(async (id: string) => {
  const actor = await requireActor();
  return orNotFound(getItemPage({ db: await getDb(), actor, itemId: id }));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await getActor())) return {};
  const page = await loadItem((await params).id);
  return { title: page.item.title };
}

async function loadReview(id: string) {
  return listItemReview({ db: await getDb(), actor: await requireActor(), itemId: id });
}

export default async function ItemPage({ params }: Props) {
  const { id } = await params;
  // Read first: the live stream resumes from here, so nothing written while the page loads is missed.
  const cursor = itemId.safeParse(id).success ? await itemFeedCursor(await getDb(), id) : 0;
  const [page, recommendations] = await orNotFound(Promise.all([loadItem(id), loadReview(id)]));
  return (
    <>
      <ItemLive workflowId={page.workflow.id} itemId={page.item.id} after={cursor} />
      <ItemView page={page} recommendations={recommendations} />
    </>
  );
}
