"use client";
import { useState } from "react";
import { Select } from "@/components/ui/select";
import type { SourceOption } from "@/lib/triggers/queries";
import { EVENT_LABELS, TRIGGER_EVENTS } from "@/lib/triggers/schemas";

/** Which event, in which workflow (among those the person can read), and optionally which of its stages. */
export function EventFields({ sources, defaultSourceId, errors }: { sources: SourceOption[]; defaultSourceId: string; errors: (name: string) => string[] | undefined }) {
  const [sourceId, setSourceId] = useState(sources.some((s) => s.id === defaultSourceId) ? defaultSourceId : (sources[0]?.id ?? ""));
  const [event, setEvent] = useState<string>(TRIGGER_EVENTS[0]);
  const source = sources.find((s) => s.id === sourceId);
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Select label="When" name="event" value={event} onChange={(e) => setEvent(e.target.value)} error={errors("event")}>
        {TRIGGER_EVENTS.map((e) => (
          <option key={e} value={e}>
            {EVENT_LABELS[e]}
          </option>
        ))}
      </Select>
      <Select label="In workflow" name="sourceWorkflowId" value={sourceId} onChange={(e) => setSourceId(e.target.value)} error={errors("sourceWorkflowId")}>
        {sources.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      <Select label={event === "item.entered_stage" ? "Stage entered" : "In stage"} name="stageId" defaultValue="" key={sourceId} error={errors("stageId")}>
        <option value="">Any stage</option>
        {source?.stages.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
