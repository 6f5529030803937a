export default function ItemLoading() {
  return (
    <div className="mx-auto max-w-6xl animate-pulse space-y-6" aria-busy="true" aria-label="Loading item">
      <div className="h-4 w-48 rounded bg-slate-200" />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_19rem]">
        <div className="space-y-4">
          <div className="h-8 w-2/3 rounded bg-slate-200" />
          <div className="h-4 w-full rounded bg-slate-200" />
          <div className="h-4 w-5/6 rounded bg-slate-200" />
          <div className="h-28 rounded-lg bg-slate-200" />
        </div>
        <div className="h-72 rounded-xl bg-slate-200" />
      </div>
    </div>
  );
}
