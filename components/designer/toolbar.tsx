"use client";
import { useReactFlow } from "@xyflow/react";
import Link from "next/link";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { ArrowLeftIcon, DownloadIcon, FitIcon, LayoutIcon, RedoIcon, UndoIcon, UploadIcon } from "./icons";
import { selectDirty, useDesigner } from "./store/store";
import { useAutoLayout } from "./use-auto-layout";

type Props = {
  workflowId: string;
  canEdit: boolean;
  problemCount: number;
  saving: boolean;
  onSave: () => void;
  onExport: () => void;
  onExportStage: () => void;
  onImport: (file: File) => void;
};

const tool = "px-2";

/** Breadcrumb, history, layout, import/export and save; plus links to the versions and the board. */
export function Toolbar({ workflowId, canEdit, problemCount, saving, onSave, onExport, onExportStage, onImport }: Props) {
  const openStage = useDesigner((s) => s.definition.stages.find((x) => x.id === s.openStageId));
  const back = useDesigner((s) => s.openStage);
  const canUndo = useDesigner((s) => s.history.past.length > 0);
  const canRedo = useDesigner((s) => s.history.future.length > 0);
  const undo = useDesigner((s) => s.undo);
  const redo = useDesigner((s) => s.redo);
  const dirty = useDesigner(selectDirty);
  const version = useDesigner((s) => s.baseVersion);
  const { fitView } = useReactFlow();
  const layout = useAutoLayout();
  const file = useRef<HTMLInputElement>(null);
  const blocked = problemCount > 0;

  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <nav aria-label="Designer level" className="flex min-w-0 items-center gap-1 text-sm">
        {openStage ? (
          <>
            <button type="button" data-testid="back-to-stages" onClick={() => back(null, { stages: [openStage.id] })} className="inline-flex items-center gap-1 rounded px-1.5 py-1 font-medium text-indigo-700 hover:bg-indigo-50">
              <ArrowLeftIcon className="size-3.5" /> Stages
            </button>
            <span className="text-slate-400">›</span>
            <span className="truncate font-semibold text-slate-900" aria-current="page">
              {openStage.name || "Unnamed stage"} tasks
            </span>
          </>
        ) : (
          <span className="px-1.5 font-semibold text-slate-900" aria-current="page">
            Stages
          </span>
        )}
      </nav>
      <div className="flex items-center gap-1" role="group" aria-label="Edit">
        {canEdit ? (
          <>
            <Button type="button" variant="ghost" className={tool} data-testid="undo-button" disabled={!canUndo} onClick={undo} title="Undo (Ctrl+Z)" aria-label="Undo">
              <UndoIcon />
            </Button>
            <Button type="button" variant="ghost" className={tool} data-testid="redo-button" disabled={!canRedo} onClick={redo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
              <RedoIcon />
            </Button>
          </>
        ) : null}
        <Button type="button" variant="ghost" className={tool} data-testid="layout-button" disabled={!openStage || !canEdit} onClick={layout} title="Auto-layout the tasks">
          <LayoutIcon /> <span className="hidden xl:inline">Auto-layout</span>
        </Button>
        <Button type="button" variant="ghost" className={tool} onClick={() => void fitView({ padding: 0.2, maxZoom: 1.1, duration: 200 })} title="Fit view">
          <FitIcon /> <span className="hidden xl:inline">Fit view</span>
        </Button>
      </div>
      <div className="flex items-center gap-1" role="group" aria-label="Files">
        {canEdit ? (
          <>
            <Button type="button" variant="ghost" className={tool} onClick={() => file.current?.click()} title="Import a Tandem export or a workflow descriptor">
              <UploadIcon /> Import
            </Button>
            <input
              ref={file}
              type="file"
              accept="application/json,.json"
              data-testid="import-input"
              aria-label="Import file"
              className="hidden"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = "";
                if (f) onImport(f);
              }}
            />
          </>
        ) : null}
        <Button type="button" variant="ghost" className={tool} data-testid="export-button" onClick={onExport} title="Download this workflow as JSON">
          <DownloadIcon /> Export
        </Button>
        {openStage ? (
          <Button type="button" variant="ghost" className={tool} data-testid="export-descriptor-button" onClick={onExportStage} title="Download this stage's tasks as a workflow descriptor">
            <DownloadIcon /> Export as descriptor
          </Button>
        ) : null}
      </div>
      <div className="ml-auto flex items-center gap-3">
        <Link href={`/workflows/${workflowId}/versions`} className="text-sm font-medium text-slate-600 hover:text-indigo-700">
          Versions
        </Link>
        <Link href={`/workflows/${workflowId}`} className="text-sm font-medium text-slate-600 hover:text-indigo-700">
          Board
        </Link>
        {canEdit ? (
          <>
            <span className={`text-sm ${blocked && dirty ? "text-rose-700" : "text-slate-500"}`} data-testid="save-status" aria-live="polite">
              {blocked && dirty ? `Fix ${problemCount} problem${problemCount === 1 ? "" : "s"} before saving` : dirty ? "Unsaved changes" : `Saved v${version}`}
            </span>
            <Button type="button" data-testid="save-button" disabled={!dirty || blocked || saving} onClick={onSave} title="Save (Ctrl+S)">
              {saving ? "Saving…" : "Save"}
            </Button>
          </>
        ) : (
          <span className="text-sm text-slate-500">Version {version}</span>
        )}
      </div>
    </div>
  );
}
