import { formatDateTime } from "@/lib/format";

/** A readable UTC time whose tooltip and `dateTime` carry the exact instant. */
export function Timestamp({ at, className }: { at: Date; className?: string }) {
  const iso = at.toISOString();
  return (
    <time dateTime={iso} title={iso} className={className}>
      {formatDateTime(at)}
    </time>
  );
}
