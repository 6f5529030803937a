import type { Metadata } from "next";
import { cache } from "react";
import { RunBody } from "@/components/runs/run-body";
import { RunHeader } from "@/components/runs/run-header";
import { getDb } from "@/db/client";
import { getActor, requireActor } from "@/lib/auth/session";
import { listRunEvents } from "@/lib/engine/runtime/events";
import { orNotFound } from "@/lib/pages";
import { getRunPage } from "@/lib/runs/queries";

type Props = { params: Promise<{ id: string }> };

/** How much of a run's story the page shows (the newest events; the stream adds later ones). */
const EVENTS_SHOWN = 500;

// Metadata and page share one load per request; the view checks access before the events are read.
const loadRun = cache(async (id: string) => {
  const actor = await requireActor();
  const db = await getDb();
  const { view, agents } = await orNotFound(getRunPage({ db, actor, runId: id }));
  const rows = await listRunEvents(db, view.run.id, Math.max(0, view.run.lastSeq - EVENTS_SHOWN), EVENTS_SHOWN);
  const events = rows.map((e) => ({ seq: e.seq, type: e.type, taskKey: e.taskKey, payload: e.payload, at: e.at.toISOString() }));
  return { view, agents, events };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  if (!(await getActor())) return {};
  const { view } = await loadRun((await params).id);
  return { title: `Run · ${view.stage.name}` };
}

export default async function RunPage({ params }: Props) {
  const { view, agents, events } = await loadRun((await params).id);
  return (
    <div className="space-y-5">
      <RunHeader view={view} spend={agents.spend.total} now={new Date()} />
      <RunBody view={view} agents={agents} events={events} />
    </div>
  );
}
