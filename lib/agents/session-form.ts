import { z } from "zod";
import { MAX_TITLE_CHARS } from "./session-schemas";

/** The agent page's "New session" form: a repository, an optional item (its id or a pasted link) and a title. */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The item id in what someone pasted: the id itself, or a link to the item page (`…/items/<id>`). */
export function itemIdFrom(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^[0-9a-f-]{36}$/i.test(trimmed)) return UUID.test(trimmed) ? trimmed.toLowerCase() : null;
  const inLink = /\/items\/([0-9a-f-]{36})(?:[/?#]|$)/i.exec(trimmed);
  return inLink && UUID.test(inLink[1]!) ? inLink[1]!.toLowerCase() : null;
}

export const newSessionForm = z.object({
  repo: z.string({ error: "Give the repository to work in." }).trim().min(1, "Give the repository to work in.").max(4096),
  workItem: z
    .string()
    .max(2000)
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return null;
      const id = itemIdFrom(v);
      if (!id) ctx.addIssue({ code: "custom", message: "Paste an item's id or its link (…/items/<id>), or leave it empty." });
      return id;
    }),
  title: z.string().trim().max(MAX_TITLE_CHARS, `Keep the title under ${MAX_TITLE_CHARS} characters.`).optional(),
});
