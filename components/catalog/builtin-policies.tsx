import { Badge } from "@/components/ui/badge";

/** The tags that work before anyone writes a policy for them, read-only. */
export function BuiltinPolicies({ builtins, overridden }: { builtins: { tag: string; description: string }[]; overridden: string[] }) {
  return (
    <section className="space-y-3" aria-labelledby="builtin-heading">
      <div>
        <h2 id="builtin-heading" className="font-semibold">
          Builtin tags
        </h2>
        <p className="text-sm text-slate-500">
          These tags work on any task or stage without a written policy. A policy you write with the same tag replaces the builtin one for your
          workflows.
        </p>
      </div>
      <ul className="space-y-3">
        {builtins.map((b) => (
          <li key={b.tag} className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="builtin-policy" data-tag={b.tag}>
            <div className="flex flex-wrap items-center gap-3">
              <code className="font-mono font-semibold text-slate-900">{b.tag}</code>
              <Badge tone="indigo">Builtin · works without a policy</Badge>
              {overridden.includes(b.tag) ? <span className="text-xs text-amber-700">A policy above uses this tag too and replaces it where it applies.</span> : null}
            </div>
            {/* The builtin's description already says what its one check does; a bullet would repeat it. */}
            <p className="mt-1 text-sm text-slate-700">{b.description}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
