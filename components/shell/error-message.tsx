"use client";

export function ErrorMessage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md py-24 text-center" role="alert">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        The page could not be shown. Nothing you entered was lost.
        {error.digest ? <span className="block pt-1 font-mono text-xs text-slate-400">Reference {error.digest}</span> : null}
      </p>
      <button onClick={reset} className="mt-6 rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white">
        Try again
      </button>
    </div>
  );
}
