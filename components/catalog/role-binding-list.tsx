import Link from "next/link";
import type { RoleBindingView } from "@/lib/catalog/bindings";
import { CapabilityChips, KindBadge } from "./kind-badge";
import { RoleBindingControls } from "./role-binding-controls";

/** Each role of a workflow's task graphs: what it needs, where it is used, who plays it; writers choose. */
export function RoleBindingList({ workflowId, roles, canWrite }: { workflowId: string; roles: RoleBindingView[]; canWrite: boolean }) {
  if (roles.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500" data-testid="no-roles">
        This workflow&apos;s task graphs name no roles yet. Give an agent task a role in the designer, then choose its agent here.
      </p>
    );
  }
  return (
    <ul className="space-y-3" data-testid="role-list">
      {roles.map((role) => (
        <li key={role.id} className="grid gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)]" data-testid="role-row" data-role-id={role.id}>
          <div className="min-w-0 space-y-2">
            <div className="flex flex-wrap items-baseline gap-2">
              <h3 className="font-semibold text-slate-900">{role.name}</h3>
              {role.name !== role.id ? <code className="font-mono text-xs text-slate-500">{role.id}</code> : null}
            </div>
            <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
              <span>Needs</span>
              <CapabilityChips capabilities={role.capabilities} missing={role.agent?.missing ?? []} empty="no particular capability" />
            </div>
            <p className="text-xs text-slate-500">
              Used in {role.stages.join(", ")} · {role.tasks} task{role.tasks === 1 ? "" : "s"}
            </p>
          </div>
          <div className="min-w-0 space-y-2">
            <BoundAgent role={role} />
            {canWrite ? <RoleBindingControls workflowId={workflowId} role={role} /> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

function BoundAgent({ role }: { role: RoleBindingView }) {
  const a = role.agent;
  if (!a) {
    return (
      <p className="text-sm text-slate-500" data-testid="bound-agent" data-bound="false">
        Not bound: the builtin planner does this role&apos;s tasks.
      </p>
    );
  }
  return (
    <div className="space-y-1" data-testid="bound-agent" data-bound="true">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-500">Played by</span>
        {a.kind ? (
          <>
            <Link href={`/agents/catalog/${a.id}`} className="font-medium text-slate-900 hover:text-indigo-600" data-testid="bound-agent-name">
              {a.name}
            </Link>
            <KindBadge kind={a.kind} />
            <span className="text-xs tabular-nums text-slate-500">v{a.version}</span>
          </>
        ) : (
          <span className="text-slate-600" data-testid="bound-agent-name">
            {a.name}
          </span>
        )}
        {role.boundByName ? <span className="text-xs text-slate-400">bound by {role.boundByName}</span> : null}
      </p>
      {a.archived ? (
        <p className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-800 ring-1 ring-inset ring-amber-200" data-testid="binding-warning">
          This agent is archived: new runs fail at this role until you bind another agent or restore it.
        </p>
      ) : null}
      {a.missing.length ? (
        <p className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-800 ring-1 ring-inset ring-amber-200" data-testid="binding-warning">
          It no longer has {a.missing.join(", ")}, which this role needs; bind an agent that does.
        </p>
      ) : null}
    </div>
  );
}
