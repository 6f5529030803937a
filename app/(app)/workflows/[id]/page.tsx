import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { BoardView } from "@/components/board/board-view";
import { RenameWorkflowForm } from "@/components/workflows/rename-workflow-form";
import { VisibilityBadge } from "@/components/workflows/visibility-badge";
import { Badge } from "@/components/ui/badge";
import { getDb } from "@/db/client";
import { orNotFound } from "@/lib/pages";
import { atLeast } from "@/lib/auth/permissions";
import { getActor, requireActor } from "@/lib/auth/session";
import { toBoardJson } from "@/lib/work-items/board-json";
import { getBoard } from "@/lib/work-items/queries";

type Props = { params: Promise<{ id: string }> };

// Metadata and page share one load per request.
const loadBoard = cache(async (id: string) => {
  const actor = await requireActor();
  return orNotFound(getBoard({ db: await getDb(), actor, workflowId: id }));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await getActor())) return {};
  const board = await loadBoard((await params).id);
  return { title: board.workflow.name };
}

export default async function WorkflowBoardPage({ params }: Props) {
  const board = await loadBoard((await params).id);
  const { workflow } = board;
  return (
    <div className="space-y-5">
      <div className="space-y-2">
        <Link href="/workflows" className="text-sm text-slate-500 hover:text-slate-900">
          ← Workflows
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <RenameWorkflowForm id={workflow.id} name={workflow.name} canEdit={atLeast(workflow.level, "WRITE")} />
          <VisibilityBadge visibility={workflow.visibility} teamName={workflow.teamName} />
          {workflow.isTemplate ? <Badge tone="violet">Template</Badge> : null}
          <span className="text-xs text-slate-500">v{workflow.version}</span>
          <nav aria-label="Workflow" className="ml-auto flex items-center gap-4 text-sm text-slate-500">
            <Link href={`/workflows/${workflow.id}/designer`} className="hover:text-slate-900" data-testid="designer-link">
              {atLeast(workflow.level, "WRITE") ? "Design" : "View design"}
            </Link>
            <Link href={`/workflows/${workflow.id}/runs`} className="hover:text-slate-900" data-testid="runs-link">
              Runs
            </Link>
            <Link href={`/workflows/${workflow.id}/analytics`} className="hover:text-slate-900" data-testid="analytics-link">
              Analytics
            </Link>
            <Link href={`/workflows/${workflow.id}/versions`} className="hover:text-slate-900">
              Versions
            </Link>
            <Link href={`/workflows/${workflow.id}/triggers`} className="hover:text-slate-900" data-testid="triggers-link">
              Triggers
            </Link>
            <Link href={`/workflows/${workflow.id}/agents`} className="hover:text-slate-900" data-testid="agents-link">
              Agents
            </Link>
            <Link href={`/workflows/${workflow.id}/save-as-template`} className="hover:text-slate-900">
              Save as template
            </Link>
            <Link href={`/workflows/${workflow.id}/archived`} className="hover:text-slate-900">
              Archived
            </Link>
          </nav>
          {atLeast(workflow.level, "WRITE") ? (
            <Link
              href={`/workflows/${workflow.id}/items/new`}
              className=" rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
              data-testid="new-item-link"
            >
              New item
            </Link>
          ) : null}
        </div>
        {workflow.description ? <p className="max-w-3xl text-sm text-slate-600">{workflow.description}</p> : null}
      </div>
      <BoardView initial={toBoardJson(board)} meId={(await requireActor()).userId} now={Date.now()} />
    </div>
  );
}
