import type { Metadata } from "next";
import Link from "next/link";
import { StagePipeline } from "@/components/templates/stage-pipeline";
import { TargetForm } from "@/components/workflows/target-form";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { NotFound } from "@/lib/errors";
import { orNotFound } from "@/lib/pages";
import { instantiateTemplateAction } from "@/lib/workflows/actions";
import { writableTeams } from "@/lib/workflows/queries";
import { loadDefinition } from "@/lib/workflows/versions";

export const metadata: Metadata = { title: "Use template" };

export default async function UseTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const { workflow, definition } = await orNotFound(
    loadDefinition(await getDb(), actor, id).then((t) => {
      if (!t.workflow.isTemplate) throw new NotFound("Template");
      return t;
    }),
  );
  const teams = writableTeams(actor);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-2">
        <Link href="/templates" className="text-sm text-slate-500 hover:text-slate-900">
          ← Templates
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Use “{workflow.name}”</h1>
        <p className="text-sm text-slate-600">A new workflow gets these stages and their task graphs. You will own it.</p>
        <StagePipeline stages={definition.stages} />
      </div>
      <TargetForm
        action={instantiateTemplateAction}
        hidden={{ templateId: workflow.id }}
        defaults={{ name: workflow.name, description: workflow.description, visibility: teams.length ? "team" : "personal", teamId: teams[0]?.id ?? null }}
        teams={teams}
        canGlobal={actor.isAdmin}
        submitLabel="Create workflow"
        cancelHref="/templates"
        next="/workflows/{id}"
      />
    </div>
  );
}
