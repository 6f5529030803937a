"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { createItemAction } from "@/lib/work-items/actions";
import { FormError } from "@/components/ui/form-error";
import { ItemFormFields, formMessage } from "./item-form-fields";
import { useFormAction } from "@/components/ui/use-form-action";

type Option = { id: string; name: string };

/** The full "new item" form; on success it opens the new item's page. */
export function NewItemForm({
  workflowId,
  stages,
  assignees,
}: {
  workflowId: string;
  stages: (Option & { wipLimit: number | null })[];
  assignees: Option[];
}) {
  const router = useRouter();
  const { failure, fieldErrors, onSubmit, pending } = useFormAction(createItemAction, (item) => router.push(`/items/${item.id}`));
  return (
    <form onSubmit={onSubmit} className="space-y-6" data-testid="new-item-form" noValidate>
      <input type="hidden" name="workflowId" value={workflowId} />
      <ItemFormFields
        defaults={{ title: "", description: "", data: "", stageId: stages[0]?.id, assigneeId: null, priority: "none" }}
        errors={fieldErrors}
        assignees={assignees}
        stages={stages}
      />
      {failure ? <FormError message={formMessage(failure)} /> : null}
      <div className="flex items-center justify-end gap-2 border-t border-slate-200 pt-4">
        <Link href={`/workflows/${workflowId}`} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create item"}
        </Button>
      </div>
    </form>
  );
}
