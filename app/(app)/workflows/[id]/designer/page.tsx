import type { Metadata } from "next";
import { cache } from "react";
import { Designer } from "@/components/designer/designer";
import { getDb } from "@/db/client";
import { atLeast } from "@/lib/auth/permissions";
import { getActor, requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/pages";
import { loadDefinition } from "@/lib/workflows/versions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ stage?: string }> };

const load = cache(async (id: string) => {
  const actor = await requireActor();
  return orNotFound(loadDefinition(await getDb(), actor, id));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await getActor())) return {};
  const { workflow } = await load((await params).id);
  return { title: `Designer · ${workflow.name}` };
}

export default async function DesignerPage({ params, searchParams }: Props) {
  const { workflow, version, definition, createdAt, createdByName } = await load((await params).id);
  const actor = await requireActor();
  return (
    <Designer
      workflow={{
        id: workflow.id,
        name: workflow.name,
        description: workflow.description,
        visibility: workflow.visibility,
        ownerTeamId: workflow.ownerTeamId,
        isTemplate: workflow.isTemplate,
      }}
      version={version}
      definition={definition}
      savedAt={createdAt.toISOString()}
      savedByName={createdByName}
      canEdit={atLeast(workflow.level, "WRITE")}
      teams={actor.memberships.map((m) => ({ id: m.teamId, name: m.teamName }))}
      openStageId={(await searchParams).stage ?? null}
    />
  );
}
