import type { Metadata } from "next";
import { BuiltinPolicies } from "@/components/catalog/builtin-policies";
import { CatalogTabs } from "@/components/catalog/catalog-tabs";
import { PolicyList } from "@/components/catalog/policy-list";
import { getDb } from "@/db/client";
import { atLeast } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { BUILTIN_POLICIES, listPolicies } from "@/lib/catalog/policies";
import { writableTeams } from "@/lib/workflows/queries";

export const metadata: Metadata = { title: "Guardrail policies" };

export default async function GuardrailsPage() {
  const actor = await requireActor();
  const policies = await listPolicies(await getDb(), actor);
  const teams = writableTeams(actor);
  const owner = { teams, canGlobal: actor.isAdmin, visibility: teams.length ? ("team" as const) : ("personal" as const), teamId: teams[0]?.id ?? "" };
  const rows = policies.map((p) => ({
    id: p.id,
    tag: p.tag,
    description: p.description,
    checks: p.checks,
    visibility: p.visibility,
    teamName: p.teamName,
    ownerName: p.ownerName,
    canWrite: atLeast(p.level, "WRITE"),
  }));
  const builtins = Object.entries(BUILTIN_POLICIES).map(([tag, b]) => ({ tag, ...b }));
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Guardrail policies</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-500">
            A policy is a tag that names checks. Every agent call of a task or stage carrying the tag runs them: on the input before the call, on the
            output after it. A check blocks the call or flags it for the reviewer.
          </p>
        </div>
        <CatalogTabs current="guardrails" />
      </div>
      <PolicyList policies={rows} owner={owner} />
      <BuiltinPolicies builtins={builtins} overridden={rows.map((r) => r.tag)} />
    </div>
  );
}
