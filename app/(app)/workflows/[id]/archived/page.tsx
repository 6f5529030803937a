import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { orNotFound } from "@/lib/pages";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listItems } from "@/lib/work-items/queries";
import { requireWorkflow } from "@/lib/workflows/access";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Archived items" };

/** A workflow's archived items, newest first; each links to its page, where it can be restored. */
export default async function ArchivedItemsPage({ params }: Props) {
  const actor = await requireActor();
  const db = await getDb();
  const { id } = await params;
  const [workflow, items] = await orNotFound(
    Promise.all([requireWorkflow(db, actor, id, "READ"), listItems({ db, actor, workflowId: id, onlyArchived: true, limit: 500 })]),
  );
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <div className="space-y-1">
        <Link href={`/workflows/${workflow.id}`} className="text-sm text-slate-500 hover:text-slate-900">
          ← {workflow.name}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Archived items</h1>
        <p className="text-sm text-slate-600">Archived items are off the board and keep their history. Open one to restore it.</p>
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">Nothing is archived.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200" data-testid="archived-items">
          {items.map((item) => (
            <li key={item.id} className="flex items-center gap-3 px-4 py-3 text-sm">
              <Link href={`/items/${item.id}`} className="font-medium hover:text-indigo-700">
                {item.title}
              </Link>
              <span className="ml-auto text-xs text-slate-500">archived {item.archivedAt ? formatDateTime(item.archivedAt) : ""}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
