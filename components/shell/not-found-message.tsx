import Link from "next/link";

export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-md py-24 text-center" data-testid="not-found">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        It does not exist, or you do not have access to it. If someone shared a link, ask them to check who can see it.
      </p>
      <Link href="/workflows" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:underline">
        Back to workflows
      </Link>
    </div>
  );
}
