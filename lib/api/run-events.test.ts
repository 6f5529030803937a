import { beforeAll, expect, it } from "vitest";
import { describeEngine, waitForRun } from "@/lib/engine/runtime/testing";
import { ended, readSse, runEventsOf } from "@/lib/runs/stream-testing";
import { runEventResponse } from "./run-schemas";
import { createRunWorld, runApi, startRun } from "./runs-testing";

describeEngine("REST API: a run's event stream", (h) => {
  let w: Awaited<ReturnType<typeof createRunWorld>>;
  let runId: string;
  let last: number;
  beforeAll(async () => {
    w = await createRunWorld(h.db());
    const run = await startRun(h.db(), w, w.agent, { n: 1 });
    last = (await waitForRun(h.db(), run.id)).lastSeq;
    runId = run.id;
  });
  const api = runApi(h.db, () => w.tokens);

  /** The events a stream sends up to the run's last one (the stream then stays open a little: it is aborted). */
  async function eventsOf(o: { query?: string; headers?: Record<string, string> }) {
    const abort = new AbortController();
    const res = await api.events(h.database(), "viewer", runId, { ...o, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const messages = await readSse(res.body!, (m) => ended(m) || runEventsOf(m).some((e) => e.seq === last));
    abort.abort();
    return messages;
  }

  it("streams the run's events with their seqs as ids, in order", async () => {
    const messages = await eventsOf({});
    expect(messages.map((m) => m.id)).toEqual(Array.from({ length: last }, (_, i) => String(i + 1)));
    for (const m of messages) expect(runEventResponse.parse(m.data)).toEqual(m.data);
    expect(runEventsOf(messages).map((e) => e.type)).toEqual(expect.arrayContaining(["run.created", "task.completed", "run.completed"]));
  });

  it("resumes after Last-Event-ID (which wins over ?after=), or after ?after=", async () => {
    const resumed = await eventsOf({ headers: { "Last-Event-ID": "2" }, query: "?after=4" });
    expect(resumed.map((m) => Number(m.id))).toEqual(Array.from({ length: last - 2 }, (_, i) => i + 3));
    const after = await eventsOf({ query: `?after=${last - 1}` });
    expect(after.map((m) => Number(m.id))).toEqual([last]);
  });

  it("refuses a bad ?after= with 400, and another team's run or no credentials before streaming", async () => {
    const bad = await api.events(h.database(), "viewer", runId, { query: "?after=soon" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty("after");
    const hidden = await api.events(h.database(), "otherTeam", runId);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toEqual({ error: { code: "not_found", message: "Run was not found." } });
    expect((await api.events(h.database(), null, runId)).status).toBe(401);
  });
});
