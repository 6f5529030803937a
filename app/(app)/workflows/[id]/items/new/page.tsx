import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NewItemForm } from "@/components/items/new-item-form";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { Forbidden, NotFound } from "@/lib/errors";
import { getNewItemForm } from "@/lib/work-items/new-item";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "New item" };

async function load(workflowId: string) {
  const actor = await requireActor();
  try {
    return await getNewItemForm({ db: await getDb(), actor, workflowId });
  } catch (err) {
    if (err instanceof NotFound) notFound();
    if (err instanceof Forbidden) return null;
    throw err;
  }
}

export default async function NewItemPage({ params }: Props) {
  const { id } = await params;
  const form = await load(id);
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <Link href={`/workflows/${id}`} className="text-sm text-slate-500 hover:text-slate-900">
        ← {form?.workflow.name ?? "Back to the board"}
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">New item</h1>
      {form ? (
        <div className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <NewItemForm workflowId={form.workflow.id} stages={form.stages} assignees={form.assignees} />
        </div>
      ) : (
        <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200" data-testid="read-only-note">
          You can read this workflow but not add items to it. Ask one of its team&apos;s admins for member access.
        </p>
      )}
    </div>
  );
}
