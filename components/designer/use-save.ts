"use client";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { toast } from "sonner";
import { saveAsCopyAction, saveDefinitionAction } from "@/lib/workflows/actions";
import { issuesFromFieldErrors } from "./issues";
import { selectDirty, useDesignerStore } from "./store/store";

export type DesignerWorkflow = {
  id: string;
  name: string;
  description: string;
  visibility: "personal" | "team" | "global";
  ownerTeamId: string | null;
  isTemplate: boolean;
};

type Result<T> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

/**
 * Save (as the next version, based on the version the edit started from) and, after a conflict,
 * save-as-copy. The caller passes the live problem count: a definition with problems is never sent.
 */
export function useSave({ workflow, teams, problemCount, release }: { workflow: DesignerWorkflow; teams: { id: string }[]; problemCount: number; release: () => void }) {
  const store = useDesignerStore();
  const router = useRouter();
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);

  const save = useCallback(async () => {
    const s = store.getState();
    if (saving || !selectDirty(s)) return;
    if (problemCount > 0) {
      toast.error(`Fix ${problemCount} problem${problemCount === 1 ? "" : "s"} before saving.`);
      return;
    }
    setSaving(true);
    const sent = s.definition;
    try {
      const r = (await saveDefinitionAction({ workflowId: workflow.id, baseVersion: s.baseVersion, definition: sent, source: s.source })) as Result<{
        version: number;
        definition: typeof sent;
      }>;
      if (r.ok) {
        store.getState().markSaved(r.data.version, sent, r.data.definition);
        toast.success(`Saved version ${r.data.version}`);
      } else if (r.code === "conflict") {
        setConflict(r.message);
      } else if (r.code === "invalid" && r.fieldErrors) {
        store.getState().setServerIssues(issuesFromFieldErrors(sent, r.fieldErrors));
        toast.error(r.message);
      } else {
        toast.error(r.message);
      }
    } catch {
      toast.error("The save did not reach the server. Check your connection and try again.");
    } finally {
      setSaving(false);
    }
  }, [store, saving, problemCount, workflow.id]);

  const saveCopy = useCallback(
    async (name: string): Promise<string | null> => {
      const definition = store.getState().definition;
      const teamId = workflow.ownerTeamId && teams.some((t) => t.id === workflow.ownerTeamId) ? workflow.ownerTeamId : null;
      const target = teamId ? { visibility: workflow.visibility, teamId } : { visibility: "personal" as const, teamId: null };
      const base = { workflowId: workflow.id, definition, name, description: workflow.description };
      let r = (await saveAsCopyAction({ ...base, ...target })) as Result<{ id: string; name: string }>;
      // Keeping the original's audience may not be allowed; a personal copy always is.
      if (!r.ok && r.code === "forbidden" && target.visibility !== "personal") r = (await saveAsCopyAction({ ...base, visibility: "personal", teamId: null })) as typeof r;
      if (!r.ok) return r.fieldErrors?.name?.join(" ") ?? r.message;
      release();
      toast.success(`Saved as “${r.data.name}”`);
      router.push(`/workflows/${r.data.id}/designer`);
      return null;
    },
    [store, workflow, teams, release, router],
  );

  const reload = useCallback(() => {
    release();
    window.location.reload();
  }, [release]);

  return { save, saving, conflict, closeConflict: () => setConflict(null), saveCopy, reload };
}
