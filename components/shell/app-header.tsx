import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import type { Actor } from "@/lib/auth/actor";
import { Logo } from "./logo";
import { NavLink } from "./nav-link";

export function AppHeader({ actor }: { actor: Actor }) {
  const teams = actor.memberships.map((m) => m.teamName).join(", ");
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-[1600px] items-center gap-6 px-6">
        <Link href="/workflows" className="flex items-center gap-2 font-semibold tracking-tight">
          <Logo /> Tandem
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          <NavLink href="/workflows">Workflows</NavLink>
          <NavLink href="/templates">Templates</NavLink>
          <NavLink href="/agent">Agent console</NavLink>
          <NavLink href="/agents/catalog">Agent catalog</NavLink>
          <NavLink href="/analytics">Analytics</NavLink>
          <NavLink href="/settings/tokens">Settings</NavLink>
          <NavLink href="/settings/secrets">Secrets</NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <div className="text-right leading-tight">
            <div className="text-sm font-medium" data-testid="current-user">
              {actor.name}
              {actor.isAdmin ? <span className="ml-1 text-xs text-indigo-600">(admin)</span> : null}
            </div>
            <div className="text-xs text-slate-500">{teams || actor.email}</div>
          </div>
          <form action={signOutAction}>
            <button className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 ring-1 ring-slate-200 hover:bg-slate-50">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
