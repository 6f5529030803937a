import type { Metadata } from "next";
import Link from "next/link";
import { TargetForm } from "@/components/workflows/target-form";
import { requireActor } from "@/lib/auth/session";
import { createWorkflowAction } from "@/lib/workflows/actions";
import { writableTeams } from "@/lib/workflows/queries";

export const metadata: Metadata = { title: "New workflow" };

export default async function NewWorkflowPage() {
  const actor = await requireActor();
  const teams = writableTeams(actor);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-2">
        <Link href="/workflows" className="text-sm text-slate-500 hover:text-slate-900">
          ← Workflows
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">New workflow</h1>
        <p className="text-sm text-slate-600">
          It starts with three stages (To do, Doing, Done) that you shape in the designer. Or{" "}
          <Link href="/templates" className="text-indigo-600 hover:underline">
            start from a template
          </Link>
          .
        </p>
      </div>
      <TargetForm
        action={createWorkflowAction}
        hidden={{}}
        defaults={{ name: "", description: "", visibility: "personal", teamId: teams[0]?.id ?? null }}
        teams={teams}
        canGlobal={actor.isAdmin}
        submitLabel="Create and open the designer"
        cancelHref="/workflows"
        next="/workflows/{id}/designer"
      />
    </div>
  );
}
