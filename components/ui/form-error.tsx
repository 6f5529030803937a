/** The form-level message of a refused submission, announced to screen readers. */
export function FormError({ message, children }: { message: string; children?: React.ReactNode }) {
  return (
    <div role="alert" className="flex flex-wrap items-center gap-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700 ring-1 ring-inset ring-rose-200">
      <span>{message}</span>
      {children}
    </div>
  );
}
