import { Timestamp } from "@/components/items/timestamp";
import type { SecretGroup } from "@/lib/secrets/schemas";
import { SecretRowActions } from "./secret-row-actions";

/** Secrets by owner (the person, then each team): names and who set them last, never values. */
export function SecretGroups({ groups }: { groups: SecretGroup[] }) {
  return (
    <div className="space-y-6">
      {groups.map((g) => (
        <SecretGroupSection key={g.teamId ?? "user"} group={g} />
      ))}
    </div>
  );
}

function SecretGroupSection({ group }: { group: SecretGroup }) {
  const headingId = `secrets-${group.teamId ?? "user"}`;
  const title = group.scope === "user" ? "Your secrets" : `Team ${group.label}`;
  const note =
    group.scope === "user"
      ? "Used for what you start; yours win over a team's secret of the same name."
      : group.canManage
        ? "Used by the team's runs and agents when the person who starts them has none of that name."
        : `Only admins of ${group.label} can add, replace or delete these.`;
  return (
    <section className="space-y-2" aria-labelledby={headingId} data-testid="secret-group" data-scope={group.scope}>
      <div>
        <h2 id={headingId} className="font-semibold">
          {title}
        </h2>
        <p className="text-sm text-slate-500">{note}</p>
      </div>
      {group.secrets.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500" data-testid="no-secrets">
          No secrets yet.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full table-fixed divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="w-56 px-4 py-2">Name</th>
                <th className="w-20 px-4 py-2">Value</th>
                <th className="w-48 px-4 py-2">Updated</th>
                <th className="px-4 py-2">By</th>
                <th className="w-96 px-4 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {group.secrets.map((s) => (
                <tr key={s.name} data-testid="secret-row" data-secret-name={s.name} className="text-slate-700">
                  <td className="px-4 py-3 font-mono font-medium break-all">{s.name}</td>
                  <td className="px-4 py-3 text-slate-400" aria-label="Hidden">
                    ••••••••
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap">
                    <Timestamp at={new Date(s.updatedAt)} />
                  </td>
                  <td className="px-4 py-3">{s.updatedByName ?? <span className="text-slate-400">A removed user</span>}</td>
                  <td className="px-4 py-3 text-right">
                    {group.canManage ? <SecretRowActions scope={s.scope} teamId={s.teamId} name={s.name} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
