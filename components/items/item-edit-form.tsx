"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { updateItemAction } from "@/lib/work-items/actions";
import type { Priority } from "@/lib/work-items/schemas";
import { FormError } from "@/components/ui/form-error";
import { ItemFormFields, formMessage } from "./item-form-fields";
import { useFormAction } from "@/components/ui/use-form-action";

export type EditableItem = {
  id: string;
  version: number;
  title: string;
  description: string;
  data: Record<string, unknown>;
  assigneeId: string | null;
  priority: Priority;
};

/**
 * Edits an item in place. It sends the version it was opened on, so an edit made after someone else's
 * change is refused; the person then reloads the latest instead of overwriting it unseen.
 */
export function ItemEditForm({
  item,
  assignees,
  onDone,
}: {
  item: EditableItem;
  assignees: { id: string; name: string }[];
  onDone: () => void;
}) {
  const router = useRouter();
  // The version the form was opened on: the page may re-render with a newer one while the person types.
  const [version] = useState(item.version);
  const { failure, fieldErrors, onSubmit, pending } = useFormAction(updateItemAction, onDone);
  const reload = () => {
    router.refresh();
    onDone();
  };
  return (
    <form onSubmit={onSubmit} className="space-y-6" data-testid="item-edit-form" noValidate>
      <input type="hidden" name="id" value={item.id} />
      <input type="hidden" name="version" value={version} />
      <ItemFormFields
        defaults={{
          title: item.title,
          description: item.description,
          data: Object.keys(item.data).length ? JSON.stringify(item.data, null, 2) : "",
          assigneeId: item.assigneeId,
          priority: item.priority,
        }}
        errors={fieldErrors}
        assignees={assignees}
      />
      {failure ? (
        <FormError message={formMessage(failure)}>
          {failure.code === "conflict" ? (
            <Button type="button" variant="secondary" onClick={reload}>
              Reload the latest
            </Button>
          ) : null}
        </FormError>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
