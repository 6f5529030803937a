"use client";
import { Button } from "@/components/ui/button";
import type { ImportProblem } from "@/lib/workflows/io";
import { Dialog } from "./dialog";

/** Why an import file was refused: each problem with its path in the file. Nothing was changed. */
export function ImportProblemsDialog({ fileName, problems, onClose }: { fileName: string; problems: ImportProblem[]; onClose: () => void }) {
  return (
    <Dialog title={`“${fileName}” could not be imported`} onClose={onClose} testId="import-problems">
      <p className="text-sm text-slate-600">Nothing was changed. Fix these in the file and import it again:</p>
      <ul className="max-h-72 space-y-1.5 overflow-y-auto text-sm">
        {problems.map((p, i) => (
          <li key={i} data-testid="import-problem" className="rounded-md bg-rose-50 px-3 py-1.5 text-rose-800 ring-1 ring-rose-200">
            {p.path ? <code className="mr-2 font-mono text-xs text-rose-900">{p.path}</code> : null}
            {p.message}
          </li>
        ))}
      </ul>
      <div className="flex justify-end">
        <Button type="button" onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </Dialog>
  );
}
