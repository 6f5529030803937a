"use client";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { type ImportProblem, type ImportResult, exportDescriptor, exportWorkflow, parseImport, slugify } from "@/lib/workflows/io";
import { downloadBlob } from "@/components/ui/download";
import { type ImportedStageFields, appendGraphStage, setStageGraph } from "./edits";
import { useDesignerStore } from "./store/store";
import { newUuid } from "./uuid";

function download(fileName: string, content: unknown) {
  downloadBlob(fileName, new Blob([JSON.stringify(content, null, 2)], { type: "application/json" }));
}

/**
 * Export (the whole workflow, or the open stage as a workflow descriptor) and import: a Tandem file
 * replaces the definition, a descriptor replaces the open stage's graph or becomes a new stage. A refused
 * file changes nothing and its problems are listed.
 */
/** The stage settings an imported descriptor set (the rest of the result is its graph and name). */
function stageFields(result: Extract<ImportResult, { kind: "descriptor" }>): ImportedStageFields {
  const { runTimeoutMs, policyTags, budget } = result;
  return { ...(runTimeoutMs !== undefined ? { runTimeoutMs } : {}), ...(policyTags !== undefined ? { policyTags } : {}), ...(budget !== undefined ? { budget } : {}) };
}

export function useImportExport(workflow: { name: string; description: string }) {
  const store = useDesignerStore();
  const [refused, setRefused] = useState<{ fileName: string; problems: ImportProblem[] } | null>(null);

  const exportAll = useCallback(() => {
    const s = store.getState();
    download(`${slugify(workflow.name)}-v${s.baseVersion}.json`, exportWorkflow({ ...workflow, version: s.baseVersion }, s.definition));
  }, [store, workflow]);

  const exportStage = useCallback(() => {
    const s = store.getState();
    const stage = s.definition.stages.find((x) => x.id === s.openStageId);
    if (!stage) return;
    const descriptor = exportDescriptor(stage, { name: workflow.name, version: s.baseVersion });
    download(`${slugify(workflow.name)}-${slugify(stage.name, "stage")}-v${s.baseVersion}.descriptor.json`, descriptor);
  }, [store, workflow.name]);

  const importFile = useCallback(
    async (file: File) => {
      const result = parseImport(await file.text());
      if (!result.ok) {
        setRefused({ fileName: file.name, problems: result.problems });
        return;
      }
      const s = store.getState();
      if (result.kind === "tandem") {
        s.apply(() => result.definition, { source: "import", select: {} });
        s.openStage(null);
        toast.success(`Imported “${result.name}” (${result.definition.stages.length} stages). Save to keep it.`);
      } else if (s.openStageId !== null) {
        const stageId = s.openStageId;
        s.apply((d) => setStageGraph(d, stageId, result.graph, stageFields(result)), { source: "import", select: {} });
        toast.success(`Replaced this stage's tasks with “${result.name}” (${result.graph.tasks.length} tasks).`);
      } else {
        const id = newUuid();
        const next = appendGraphStage(s.definition, result.name, result.graph, id, stageFields(result));
        s.apply(() => next, { source: "import", select: { stages: [id] } });
        toast.success(`Added the stage “${next.stages.at(-1)!.name}” with ${result.graph.tasks.length} tasks.`);
      }
    },
    [store],
  );

  return { exportAll, exportStage, importFile, refused, closeRefused: () => setRefused(null) };
}
