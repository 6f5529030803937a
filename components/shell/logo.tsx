export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <circle cx="12" cy="16" r="5" fill="#fff" />
      <circle cx="20" cy="16" r="5" fill="none" stroke="#fff" strokeWidth="2.5" />
    </svg>
  );
}
