import { formatDuration, hours } from "./format";
import type { Cell } from "./table-spec";

/** A duration cell: shown humanly, exported in hours. */
export function durationCell(ms: number | null | undefined): Cell {
  return { text: formatDuration(ms), raw: hours(ms) };
}

/** A rate cell: shown as a percentage, exported as the fraction. */
export function rateCell(rate: number | null | undefined): Cell {
  return { text: rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`, raw: rate ?? null };
}
