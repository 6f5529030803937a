import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { TokenList } from "@/components/settings/token-list";
import { getDb } from "@/db/client";
import { requireActor } from "@/lib/auth/session";
import { listApiTokens, tokenView } from "@/lib/auth/tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requireActor();
  const tokens = (await listApiTokens(await getDb(), actor)).map(tokenView);
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 text-sm text-slate-500">
          Personal access tokens let scripts call the REST API as you, with your access. Send one as{" "}
          <code className="font-mono text-slate-700">Authorization: Bearer tdm_…</code>; the endpoints are described in{" "}
          <a href="/api/v1/openapi.json" className="font-medium text-indigo-600 hover:text-indigo-500">
            the OpenAPI document
          </a>
          .
        </p>
      </div>
      <CreateTokenForm />
      <section className="space-y-3" aria-labelledby="your-tokens-heading">
        <h2 id="your-tokens-heading" className="font-semibold">
          Your tokens
        </h2>
        <TokenList tokens={tokens} now={Date.now()} />
      </section>
    </div>
  );
}
