/** Initials in a circle: enough to tell people apart at a glance. */
export function Avatar({ name, size = "sm" }: { name: string; size?: "sm" | "md" }) {
  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  const box = size === "md" ? "size-7 text-[11px]" : "size-5 text-[9px]";
  return (
    <span aria-hidden className={`grid shrink-0 place-items-center rounded-full bg-indigo-100 font-semibold text-indigo-700 ${box}`}>
      {initials}
    </span>
  );
}
