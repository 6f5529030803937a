"use client";
import "@xyflow/react/dist/style.css";
import { ReactFlowProvider } from "@xyflow/react";
import { useMemo, useState } from "react";
import { Timestamp } from "@/components/items/timestamp";
import { Badge } from "@/components/ui/badge";
import { type WorkflowDefinition, validateDefinition } from "@/lib/workflows/definition";
import { Announcer } from "./announcer";
import { StageCanvas } from "./canvas/stage-canvas";
import { TaskCanvas } from "./canvas/task-canvas";
import { DnDProvider } from "./dnd-context";
import { ImportProblemsDialog } from "./import-problems-dialog";
import { Inspector } from "./inspector/inspector";
import { indexIssues } from "./issues";
import { IssuesProvider } from "./issues-context";
import { Palette } from "./palette";
import { ProblemsPanel } from "./problems-panel";
import { SaveConflictDialog } from "./save-conflict-dialog";
import { DesignerStoreContext, createDesignerStore, selectDirty, useDesigner } from "./store/store";
import { Toolbar } from "./toolbar";
import { useImportExport } from "./use-import-export";
import { type DesignerWorkflow, useSave } from "./use-save";
import { useSelectionActions } from "./use-selection-actions";
import { useShortcuts } from "./use-shortcuts";
import { useUnsavedGuard } from "./use-unsaved-guard";

type Props = {
  workflow: DesignerWorkflow;
  version: number;
  definition: WorkflowDefinition;
  savedAt: string;
  savedByName: string | null;
  canEdit: boolean;
  teams: { id: string; name: string }[];
  /** Opens this stage's task graph first (`?stage=` in the URL). */
  openStageId?: string | null;
};

/** The visual workflow designer: stages, each automated stage's task graph, live validation, save. */
export function Designer(props: Props) {
  // A new workflow (after "save as a new copy") gets a new store, not the old one's state.
  return <DesignerRoot key={props.workflow.id} {...props} />;
}

function DesignerRoot(props: Props) {
  const [store] = useState(() => createDesignerStore({ definition: props.definition, baseVersion: props.version, openStageId: props.openStageId }));
  return (
    <DesignerStoreContext.Provider value={store}>
      <Announcer>
        <DnDProvider>
          <DesignerBody {...props} />
        </DnDProvider>
      </Announcer>
    </DesignerStoreContext.Provider>
  );
}

function DesignerBody({ workflow, version: loadedVersion, savedAt, savedByName, canEdit, teams }: Props) {
  const definition = useDesigner((s) => s.definition);
  const serverIssues = useDesigner((s) => s.serverIssues);
  const openStageId = useDesigner((s) => s.openStageId);
  const version = useDesigner((s) => s.baseVersion);
  const dirty = useDesigner(selectDirty);
  const undo = useDesigner((s) => s.undo);
  const redo = useDesigner((s) => s.redo);
  const select = useDesigner((s) => s.select);
  const issues = useMemo(() => indexIssues([...validateDefinition(definition), ...serverIssues]), [definition, serverIssues]);
  const release = useUnsavedGuard(dirty && canEdit);
  const saver = useSave({ workflow, teams, problemCount: issues.all.length, release });
  const io = useImportExport(workflow);
  const selection = useSelectionActions();
  useShortcuts({ undo, redo, save: saver.save, ...selection, clearSelection: () => select({}) }, canEdit);
  const readOnly = !canEdit;

  return (
    <IssuesProvider value={issues}>
      <div
        data-testid="designer"
        data-dirty={dirty ? "true" : "false"}
        data-version={version}
        className="flex h-[calc(100vh-9rem)] min-h-[540px] flex-col gap-3"
      >
        <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h1 className="text-xl font-semibold text-slate-900">{workflow.name}</h1>
          {workflow.isTemplate ? <Badge tone="amber">Template</Badge> : null}
          <p className="text-sm text-slate-500">
            Designer · version {version}
            {version === loadedVersion ? (
              <>
                {" · saved "}
                <Timestamp at={new Date(savedAt)} />
                {savedByName ? ` by ${savedByName}` : ""}
              </>
            ) : null}
          </p>
        </header>
        {readOnly ? (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            You can view this workflow&apos;s design; editing needs write access.
          </p>
        ) : null}
        <ReactFlowProvider key={openStageId ?? "stages"}>
          <Toolbar
            workflowId={workflow.id}
            canEdit={canEdit}
            problemCount={issues.all.length}
            saving={saver.saving}
            onSave={() => void saver.save()}
            onExport={io.exportAll}
            onExportStage={io.exportStage}
            onImport={(f) => void io.importFile(f)}
          />
          <div className="flex min-h-0 flex-1 gap-3">
            {canEdit ? <Palette /> : null}
            <div className="flex min-w-0 flex-1 flex-col gap-2">
              <div data-testid="designer-canvas" className="relative min-h-0 flex-1 overflow-hidden rounded-lg bg-slate-50 ring-1 ring-slate-200">
                {openStageId ? <TaskCanvas stageId={openStageId} issues={issues} readOnly={readOnly} /> : <StageCanvas issues={issues} readOnly={readOnly} />}
              </div>
              <ProblemsPanel />
            </div>
            <Inspector readOnly={readOnly} />
          </div>
        </ReactFlowProvider>
        {saver.conflict !== null ? (
          <SaveConflictDialog
            message={saver.conflict}
            defaultName={`${workflow.name} (copy)`}
            onReload={saver.reload}
            onSaveCopy={saver.saveCopy}
            onClose={saver.closeConflict}
          />
        ) : null}
        {io.refused ? <ImportProblemsDialog fileName={io.refused.fileName} problems={io.refused.problems} onClose={io.closeRefused} /> : null}
      </div>
    </IssuesProvider>
  );
}
