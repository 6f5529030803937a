import type { StatusIconKind } from "./status-look";

/** Stroke icons for run and task states, drawn like the designer's (24×24 grid, currentColor). */

const PATHS: Record<StatusIconKind, React.ReactNode> = {
  pending: <circle cx="12" cy="12" r="8" strokeDasharray="3 3" />,
  queued: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M8 12h.01M12 12h.01M16 12h.01" strokeWidth={2.6} />
    </>
  ),
  running: <path d="M12 3.5a8.5 8.5 0 1 1-8.5 8.5" />,
  approval: (
    <>
      <path d="M12 3.5l7 3v5c0 4.3-3 7.6-7 9-4-1.4-7-4.7-7-9v-5z" />
      <path d="M9 12l2.2 2.2 4-4.2" />
    </>
  ),
  human: (
    <>
      <circle cx="12" cy="8" r="3.5" />
      <path d="M5 20c.8-3.6 3.6-5.5 7-5.5s6.2 1.9 7 5.5" />
    </>
  ),
  delay: <path d="M7 3.5h10M7 20.5h10M8 3.5c0 4 8 5 8 8.5s-8 4.5-8 8.5M16 3.5c0 4-8 5-8 8.5s8 4.5 8 8.5" />,
  paused: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M10 9v6M14 9v6" />
    </>
  ),
  completed: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M8.5 12.3l2.4 2.4 4.8-5" />
    </>
  ),
  failed: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M9 9l6 6M15 9l-6 6" />
    </>
  ),
  skipped: <path d="M5 6l7 6-7 6M13 6l6 6-6 6" />,
  cancelled: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M6 18L18 6" />
    </>
  ),
};

/** The icon of a state; the running one spins unless `still`. */
export function StatusIcon({ kind, className = "size-4", still = false }: { kind: StatusIconKind; className?: string; still?: boolean }) {
  const spin = kind === "running" && !still ? " animate-spin" : "";
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={`${className}${spin}`}
      aria-hidden="true"
      data-icon={kind}
    >
      {PATHS[kind]}
    </svg>
  );
}
