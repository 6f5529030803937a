import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { AddTriggerForm } from "@/components/triggers/add-trigger-form";
import { TriggerList } from "@/components/triggers/trigger-list";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/pages";
import { getTriggersPage } from "@/lib/triggers/queries";

export const metadata: Metadata = { title: "Triggers" };

type Props = { params: Promise<{ id: string }> };

/** This server's address as the browser reached it, for webhook URLs people copy into other systems. */
async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function TriggersPage({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const page = await orNotFound(getTriggersPage({ db: await getDb(), actor, workflowId: id }));
  const base = await origin();
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="space-y-2">
        <Link href={`/workflows/${page.workflow.id}`} className="text-sm text-slate-500 hover:text-slate-900">
          ← {page.workflow.name}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Triggers</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          A trigger creates an item in this workflow when it fires: when something happens in a workflow, on a schedule, or when another system calls its
          webhook. An item entering an automated stage starts that stage&apos;s run. Every firing is recorded in the audit log.
        </p>
      </div>
      {page.canWrite ? <AddTriggerForm workflowId={page.workflow.id} stages={page.stages} sources={page.sources} origin={base} /> : null}
      <section className="space-y-3" aria-labelledby="triggers-heading">
        <h2 id="triggers-heading" className="font-semibold">
          {page.triggers.length ? `${page.triggers.length} trigger${page.triggers.length === 1 ? "" : "s"}` : "Triggers"}
        </h2>
        {!page.canWrite ? <p className="text-sm text-slate-500">You can see this workflow&apos;s triggers; changing them needs write access.</p> : null}
        <TriggerList triggers={page.triggers} canWrite={page.canWrite} origin={base} />
      </section>
    </div>
  );
}
