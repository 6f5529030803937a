import type { Metadata } from "next";
import Link from "next/link";
import { AddSecretForm } from "@/components/secrets/add-secret-form";
import { SecretGroups } from "@/components/secrets/secret-groups";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { listSecretGroups } from "@/lib/secrets/store";

export const metadata: Metadata = { title: "Secrets" };

export default async function SecretsPage() {
  const actor = await requireActor();
  const groups = await listSecretGroups(await getDb(), actor);
  const owners = groups.filter((g) => g.canManage).map((g) => ({ teamId: g.teamId, label: g.scope === "user" ? "Just me" : `Team ${g.label}` }));
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Secrets</h1>
        <p className="mt-1 text-sm text-slate-500">
          Tokens and keys that runs and agents use, such as <code className="font-mono text-slate-700">GITHUB_TOKEN</code>. Values are stored
          encrypted and never shown again, here or in the API; a run uses your own secret of a name first, then your team&apos;s. API tokens for
          your scripts are under{" "}
          <Link href="/settings/tokens" className="font-medium text-indigo-600 hover:text-indigo-500">
            API tokens
          </Link>
          .
        </p>
      </div>
      <AddSecretForm owners={owners} />
      <SecretGroups groups={groups} />
    </div>
  );
}
