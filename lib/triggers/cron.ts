import { CronExpressionParser } from "cron-parser";

/**
 * Cron expressions as cron triggers accept them: five fields (minute, hour, day of month, month, day of
 * week), evaluated in an IANA time zone. Pure and free of the database, so the browser's form previews
 * with the same rules the server validates with. pg-boss evaluates schedules with this same library.
 */

const FIELDS = "minute, hour, day of month, month and day of week";
const NAMES = /\b(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b/gi;
const EXAMPLE = "“*/15 * * * *” (every 15 minutes) or “0 9 * * 1-5” (9:00 on weekdays)";

/** True when `tz` names a time zone the runtime knows ("UTC", "Europe/Paris", …). */
export function isTimeZone(tz: string): boolean {
  if (!tz.trim()) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with a cron expression, in plain words, or null when it is usable. Seconds are refused
 * (the scheduler looks once a minute), as is `H`, which would pick a different minute on every reading.
 */
export function cronProblem(expression: string): string | null {
  const text = expression.trim();
  if (!text) return `Write a cron expression, such as ${EXAMPLE}.`;
  const fields = text.split(/\s+/);
  if (fields.length !== 5) {
    return `A cron expression has five fields (${FIELDS}); “${text}” has ${fields.length}. Try ${EXAMPLE}.`;
  }
  if (/h/i.test(text.replace(NAMES, ""))) {
    return "“H” (a random minute or hour) is not supported here: write the exact values instead.";
  }
  try {
    CronExpressionParser.parse(text, { tz: "UTC", currentDate: new Date(0) });
    return null;
  } catch (err) {
    return `“${text}” is not a valid cron expression: ${(err as Error).message}. The fields are ${FIELDS}, e.g. ${EXAMPLE}.`;
  }
}

/** The next `count` times the expression comes round after `from`, in `tz`; empty when it or the zone is invalid. */
export function nextCronTimes(expression: string, tz: string, count = 3, from: Date = new Date()): Date[] {
  if (cronProblem(expression) || !isTimeZone(tz)) return [];
  try {
    return CronExpressionParser.parse(expression.trim(), { tz, currentDate: from })
      .take(count)
      .map((d) => d.toDate());
  } catch {
    return [];
  }
}

/**
 * The most recent time the expression came round at or before `at`: the tick a cron job belongs to, which
 * makes a redelivered job of the same tick recognizable. Null when the expression cannot be read.
 */
export function lastCronTick(expression: string, tz: string, at: Date = new Date()): Date | null {
  if (cronProblem(expression) || !isTimeZone(tz)) return null;
  try {
    // prev() is strictly before currentDate; a job running exactly on its tick must still map to that tick.
    return CronExpressionParser.parse(expression.trim(), { tz, currentDate: new Date(at.getTime() + 1000) })
      .prev()
      .toDate();
  } catch {
    return null;
  }
}
