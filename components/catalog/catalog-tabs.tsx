import Link from "next/link";

const TABS = [
  { key: "agents", label: "Agents", href: "/agents/catalog" },
  { key: "guardrails", label: "Guardrail policies", href: "/agents/catalog/guardrails" },
] as const;

/** The catalog's two lists, agents and guardrail policies, as tabs. */
export function CatalogTabs({ current }: { current: (typeof TABS)[number]["key"] }) {
  return (
    <nav aria-label="Agent catalog" className="flex gap-1 rounded-lg bg-slate-100 p-1">
      {TABS.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={current === t.key ? "page" : undefined}
          className={`rounded-md px-3 py-1 text-sm font-medium ${current === t.key ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
