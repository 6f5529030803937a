import { Timestamp } from "@/components/items/timestamp";
import { Badge } from "@/components/ui/badge";
import type { ApiTokenView } from "@/lib/auth/token-schemas";
import { RevokeTokenButton } from "./revoke-token-button";

function Status({ token, now }: { token: ApiTokenView; now: number }) {
  if (token.revokedAt) return <Badge tone="rose">Revoked</Badge>;
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return <Badge tone="amber">Expired</Badge>;
  return <Badge tone="emerald">Active</Badge>;
}

const When = ({ at, none }: { at: string | null; none: string }) =>
  at ? <Timestamp at={new Date(at)} /> : <span className="text-slate-400">{none}</span>;

/** The caller's tokens: name, prefix, dates and state; active ones can be revoked. */
export function TokenList({ tokens, now }: { tokens: ApiTokenView[]; now: number }) {
  if (tokens.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500" data-testid="no-tokens">
        No tokens yet. Create one above to call the API from a script.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="token-list">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">Name</th>
            <th className="px-4 py-2">Token</th>
            <th className="px-4 py-2">Created</th>
            <th className="px-4 py-2">Expires</th>
            <th className="px-4 py-2">Last used</th>
            <th className="px-4 py-2">Status</th>
            <th className="px-4 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id} data-testid="token-row" data-token-name={t.name} className={t.revokedAt ? "text-slate-400" : "text-slate-700"}>
              <td className="px-4 py-3 font-medium">{t.name}</td>
              <td className="px-4 py-3 font-mono text-xs">{t.prefix}…</td>
              <td className="px-4 py-3 whitespace-nowrap">
                <When at={t.createdAt} none="" />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">
                <When at={t.expiresAt} none="Never" />
              </td>
              <td className="px-4 py-3 whitespace-nowrap" data-testid="token-last-used">
                <When at={t.lastUsedAt} none="Never used" />
              </td>
              <td className="px-4 py-3" data-testid="token-status">
                <Status token={t} now={now} />
              </td>
              <td className="px-4 py-3 text-right">{t.revokedAt ? null : <RevokeTokenButton id={t.id} name={t.name} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
