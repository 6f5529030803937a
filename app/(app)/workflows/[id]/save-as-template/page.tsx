import type { Metadata } from "next";
import Link from "next/link";
import { StagePipeline } from "@/components/templates/stage-pipeline";
import { TargetForm } from "@/components/workflows/target-form";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/pages";
import { saveAsTemplateAction } from "@/lib/workflows/actions";
import { writableTeams } from "@/lib/workflows/queries";
import { loadDefinition } from "@/lib/workflows/versions";

export const metadata: Metadata = { title: "Save as template" };

export default async function SaveAsTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { workflow, definition, version } = await orNotFound(loadDefinition(await getDb(), actor, (await params).id));
  const teams = writableTeams(actor);
  const team = teams.find((t) => t.id === workflow.ownerTeamId);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-2">
        <Link href={`/workflows/${workflow.id}`} className="text-sm text-slate-500 hover:text-slate-900">
          ← {workflow.name}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">Save as template</h1>
        <p className="text-sm text-slate-600">
          Version {version}’s stages and task graphs become a template others can start from. Items and history stay here.
        </p>
        <StagePipeline stages={definition.stages} />
      </div>
      <TargetForm
        action={saveAsTemplateAction}
        hidden={{ workflowId: workflow.id }}
        defaults={{ name: `${workflow.name} template`, description: workflow.description, visibility: team ? "team" : "personal", teamId: team?.id ?? null }}
        teams={teams}
        canGlobal={actor.isAdmin}
        submitLabel="Save template"
        cancelHref={`/workflows/${workflow.id}`}
        next="/templates"
      />
    </div>
  );
}
