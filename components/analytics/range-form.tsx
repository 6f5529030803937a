"use client";

/**
 * The range bar's GET form. Typing a date switches the range to "Custom dates", which is what a
 * person who types one means; without JavaScript the form still works by picking "Custom" by hand.
 */
export function RangeForm({ action, children }: { action: string; children: React.ReactNode }) {
  function onChange(e: React.FormEvent<HTMLFormElement>) {
    const target = e.target as HTMLInputElement;
    if (target.name !== "from" && target.name !== "to") return;
    const range = e.currentTarget.elements.namedItem("range");
    if (range instanceof HTMLSelectElement) range.value = "custom";
  }
  return (
    <form method="get" action={action} onChange={onChange} className="flex flex-wrap items-end gap-3" data-testid="range-form">
      {children}
    </form>
  );
}
