import type { GuardrailCheck } from "@/lib/agents/catalog/schemas";

/** What each kind of check is called in the policy form's kind menu. */
export const CHECK_KIND_LABELS: Record<GuardrailCheck["kind"], string> = {
  secrets: "No secrets",
  path_allowlist: "Allowed paths",
  patch_size: "Patch size",
  json_schema: "Output matches a JSON Schema",
  regex_deny: "Forbidden patterns",
  needs_approval: "Needs approval",
};

const verb = (action: "flag" | "block") => (action === "block" ? "Blocks" : "Flags");
const side = (on: "input" | "output" | "both") => (on === "both" ? "the input or the output" : `the ${on}`);
const list = (items: string[], max = 4) => {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
};

/** One check of a guardrail policy in a sentence, as the policy list shows it. */
export function describeCheck(check: GuardrailCheck): string {
  switch (check.kind) {
    case "secrets":
      return `${verb(check.action)} credentials and stored secret values in ${side(check.on)}.`;
    case "path_allowlist":
      return `${verb(check.action)} patches that touch a path outside ${list(check.paths)}.`;
    case "patch_size":
      return `${verb(check.action)} patches that change more than ${check.maxLines.toLocaleString("en-US")} lines or ${check.maxFiles.toLocaleString("en-US")} files.`;
    case "json_schema":
      return `${verb(check.action)} output that does not match its JSON Schema.`;
    case "regex_deny":
      return `${verb(check.action)} ${side(check.on)} when it matches ${check.patterns.length === 1 ? "the pattern" : "any of the patterns"} ${list(check.patterns.map((p) => `/${p}/`))}.`;
    case "needs_approval":
      return `A person approves each agent call before it runs${check.reason ? ` (“${check.reason}”)` : ""}.`;
  }
}
