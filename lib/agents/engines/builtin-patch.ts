import type { BundleFile, ContextBundle } from "../types";
import { unifiedPatch } from "../unified-diff";
import { goalLines } from "../goal";

/**
 * The builtin engine's mechanical edits: renaming an identifier and replacing literal text. Both are
 * done on the bundle's complete files only, since a patch of a truncated file would cut it short.
 */

export type MechanicalRequest =
  | { kind: "rename"; from: string; to: string }
  | { kind: "replace"; from: string; to: string };

export type MechanicalEdit = {
  request: MechanicalRequest;
  patch: string | null;
  /** Files the patch changes, with how many places in each. */
  changed: { path: string; count: number }[];
  /** Files that contain the text but were not patched because the bundle holds only part of them. */
  skipped: string[];
};

const IDENT = "[A-Za-z_$][\\w$]*";
const RENAME = new RegExp(
  `^\\s*rename\\s+(?:the\\s+)?(?:(?:function|variable|class|type|interface|identifier|method|const|constant|symbol|field|property|prop|component|hook|enum)\\s+)?\`?(${IDENT})\`?\\s+(?:to|as|into)\\s+\`?(${IDENT})\`?\\s*[.!]?\\s*$`,
  "i",
);
const REPLACE = /^\s*replace\s+(?:all\s+)?(?:"([^"]+)"|'([^']+)')\s+(?:with|by)\s+(?:"([^"]*)"|'([^']*)')(?:\s+in\s+\S+)?\s*[.!]?\s*$/i;

/**
 * Recognizes the goals the builtin engine can patch: `rename fooBar to bazQux`, `replace "x" with "y"`, on
 * a line of their own (an agent-assist goal is the stage's prompt, then "Work item: <title>", then more).
 */
export function parseMechanicalRequest(goal: string): MechanicalRequest | null {
  for (const line of goalLines(goal)) {
    const request = parseLine(line);
    if (request) return request;
  }
  return null;
}

function parseLine(line: string): MechanicalRequest | null {
  const rename = line.match(RENAME);
  if (rename && rename[1] !== rename[2]) return { kind: "rename", from: rename[1]!, to: rename[2]! };
  const replace = line.match(REPLACE);
  if (replace) {
    const from = replace[1] ?? replace[2]!;
    const to = replace[3] ?? replace[4] ?? "";
    if (from !== to) return { kind: "replace", from, to };
  }
  return null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Identifiers may contain "$", which \b does not treat as a word character; look around explicitly.
const wholeWord = (ident: string) => new RegExp(`(?<![\\w$])${escapeRegExp(ident)}(?![\\w$])`, "g");

const inFocus = (path: string, focus: string) => focus === "." || focus === "" || path === focus || path.startsWith(`${focus.replace(/\/$/, "")}/`);

/**
 * Applies a mechanical request to the bundle's files: a rename to every file that contains the
 * identifier as a whole word, a literal replacement to the files inside the focus.
 */
export function mechanicalEdit(request: MechanicalRequest, bundle: ContextBundle): MechanicalEdit {
  const pattern = request.kind === "rename" ? wholeWord(request.from) : new RegExp(escapeRegExp(request.from), "g");
  const candidates: BundleFile[] = request.kind === "rename" ? bundle.files : bundle.files.filter((f) => inFocus(f.path, bundle.focus));

  const changes: { path: string; before: string; after: string }[] = [];
  const changed: MechanicalEdit["changed"] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const file of candidates) {
    if (seen.has(file.path)) continue;
    seen.add(file.path);
    const count = file.content.match(pattern)?.length ?? 0;
    if (count === 0) continue;
    if (file.truncated) {
      skipped.push(file.path);
      continue;
    }
    // A function replacer, so "$&" or "$1" in the new text is written as typed.
    const after = file.content.replace(pattern, () => request.to);
    changes.push({ path: file.path, before: file.content, after });
    changed.push({ path: file.path, count });
  }
  const patch = unifiedPatch(changes);
  return { request, patch: patch || null, changed, skipped };
}
