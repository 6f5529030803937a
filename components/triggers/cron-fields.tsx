"use client";
import { useEffect, useState } from "react";
import { Field, controlClass } from "@/components/ui/field";
import { cronProblem, isTimeZone, nextCronTimes } from "@/lib/triggers/cron";

const when = (d: Date, tz: string) =>
  new Intl.DateTimeFormat("en-US", { timeZone: tz, weekday: "short", month: "short", day: "numeric", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);

/**
 * The cron expression and time zone, with the next three times it comes round, computed in the browser
 * by the same rules the server checks. The preview waits for the browser's clock, so the server's
 * render never disagrees with it.
 */
export function CronFields({ errors }: { errors: (name: string) => string[] | undefined }) {
  const [cron, setCron] = useState("*/15 * * * *");
  const [timezone, setTimezone] = useState("UTC");
  const [now, setNow] = useState<Date | null>(null);
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => {
    setNow(new Date());
    setZones(Intl.supportedValuesOf("timeZone"));
  }, []);
  const problem = cron.trim() ? cronProblem(cron) : null;
  const zoneOk = isTimeZone(timezone.trim() || "UTC");
  const tz = timezone.trim() || "UTC";
  const next = now && !problem && zoneOk ? nextCronTimes(cron, tz, 3, now) : [];
  const local = now ? Intl.DateTimeFormat().resolvedOptions().timeZone : null;
  return (
    <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
      <Field label="Cron expression" hint="Five fields: minute, hour, day of month, month, day of week. “0 9 * * 1-5” is 9:00 on weekdays." error={errors("cron")}>
        {(aria) => (
          <input name="cron" value={cron} onChange={(e) => setCron(e.target.value)} className={`${controlClass} font-mono`} autoComplete="off" spellCheck={false} {...aria} />
        )}
      </Field>
      <Field
        label="Time zone"
        hint={
          local && local !== tz ? (
            <button type="button" className="text-indigo-600 hover:underline" onClick={() => setTimezone(local)}>
              Use mine ({local})
            </button>
          ) : (
            "An IANA name such as Europe/Paris."
          )
        }
        error={errors("timezone") ?? (zoneOk ? undefined : "Not a time zone we know.")}
      >
        {(aria) => (
          <>
            <input name="timezone" value={timezone} onChange={(e) => setTimezone(e.target.value)} list="trigger-time-zones" className={controlClass} autoComplete="off" {...aria} />
            <datalist id="trigger-time-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div className="sm:col-span-2 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-inset ring-slate-200" aria-live="polite" data-testid="cron-preview">
        {problem ? (
          <span className="text-rose-700">{problem}</span>
        ) : next.length ? (
          <>
            <span className="text-slate-500">Next: </span>
            {next.map((d, i) => (
              <span key={d.toISOString()}>
                {i > 0 ? <span className="text-slate-400"> · </span> : null}
                <time dateTime={d.toISOString()} className="font-medium text-slate-800">
                  {when(d, tz)}
                </time>
              </span>
            ))}
            <span className="text-slate-500"> ({tz})</span>
          </>
        ) : (
          <span className="text-slate-500">{cron.trim() ? "Working out the next times…" : "Write an expression to see when it runs."}</span>
        )}
      </div>
    </div>
  );
}
