import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { runs } from "@/db/schema";
import { actorFor, createUser } from "@/db/testing/factories";
import { chain, graph, task } from "@/lib/engine/testing";
import { automationWorkflow, describeEngine, startTestRun, waitForRun, waitForTask } from "@/lib/engine/runtime/testing";
import { appendRunEvents } from "@/lib/engine/runtime/events";
import { NotFound } from "@/lib/errors";
import { submitTaskOutput } from "./decisions";
import { runEventStream } from "./stream";
import { ended, readSse, runEventsOf } from "./stream-testing";

const quick = graph([task("one", { executor: { kind: "transform", output: { n: 1 } } }), task("two", { executor: { kind: "transform", output: { n: 2 } } })], chain("one", "two"));
const waiting = graph([task("ask", { executor: { kind: "human", instructions: "Say something." } }), task("after", { executor: { kind: "transform", output: { ok: true } } })], chain("ask", "after"));

const seqsFrom = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describeEngine("run event stream", (h) => {
  const lastSeq = async (runId: string) => (await h.db().select({ s: runs.lastSeq }).from(runs).where(eq(runs.id, runId)))[0]!.s;

  it("sends every event of a finished run in seq order, the seq as its id and the type as its event, then ends", async () => {
    const w = await automationWorkflow(h.db(), quick);
    const run = await startTestRun(h.db(), w, { hello: "world" });
    await waitForRun(h.db(), run.id);
    const stream = await runEventStream({ database: h.database(), actor: await actorFor(h.db(), w.owner.id), runId: run.id, signal: new AbortController().signal, graceMs: 0 });
    const messages = await readSse(stream);
    expect(ended(messages)).toBe(true);
    const events = runEventsOf(messages);
    expect(messages.filter((m) => m.id !== null).map((m) => Number(m.id))).toEqual(seqsFrom(1, await lastSeq(run.id)));
    expect(messages.filter((m) => m.id !== null).every((m) => m.event === (m.data as { type: string }).type)).toBe(true);
    expect(events.map((e) => e.seq)).toEqual(seqsFrom(1, events.length));
    expect(events[0]).toMatchObject({ seq: 1, type: "run.created", taskKey: null });
    expect(events.find((e) => e.type === "task.completed")).toMatchObject({ taskKey: "one" });
    expect(events.at(-1)!.type).toBe("run.completed");
    expect(new Date(events[0]!.at).toISOString()).toBe(events[0]!.at);
    expect(messages.at(-1)).toEqual({ id: null, event: "end", data: { status: "completed", seq: events.length } });
  });

  it("resumes after a given seq and sends nothing from before it", async () => {
    const w = await automationWorkflow(h.db(), quick);
    const run = await startTestRun(h.db(), w);
    await waitForRun(h.db(), run.id);
    const last = await lastSeq(run.id);
    const stream = await runEventStream({ database: h.database(), actor: await actorFor(h.db(), w.owner.id), runId: run.id, after: 3, signal: new AbortController().signal, graceMs: 0 });
    expect(runEventsOf(await readSse(stream)).map((e) => e.seq)).toEqual(seqsFrom(4, last));
  });

  it("follows a live run as its events are committed, without gaps or repeats, until it finishes", async () => {
    const w = await automationWorkflow(h.db(), waiting);
    const owner = await actorFor(h.db(), w.owner.id);
    const run = await startTestRun(h.db(), w);
    const stream = await runEventStream({ database: h.database(), actor: owner, runId: run.id, signal: new AbortController().signal, graceMs: 0 });
    const live = readSse(stream, ended);
    await waitForTask(h.db(), run.id, "ask", ["waiting"]);
    await submitTaskOutput(h.db(), owner, { runId: run.id, taskKey: "ask", output: { said: "hi" } });
    expect((await waitForRun(h.db(), run.id)).status).toBe("completed");
    const events = runEventsOf(await live);
    expect(events.map((e) => e.seq)).toEqual(seqsFrom(1, await lastSeq(run.id)));
    expect(events.map((e) => (e.taskKey ? `${e.type}:${e.taskKey}` : e.type))).toEqual(
      expect.arrayContaining(["task.waiting:ask", "task.submitted:ask", "task.completed:after", "run.completed"]),
    );
  });

  it("stays open for a while after the run finished, for events that come after it (the item moving on)", async () => {
    const w = await automationWorkflow(h.db(), quick);
    const run = await startTestRun(h.db(), w);
    await waitForRun(h.db(), run.id);
    const abort = new AbortController();
    const stream = await runEventStream({ database: h.database(), actor: await actorFor(h.db(), w.owner.id), runId: run.id, signal: abort.signal, graceMs: 600_000 });
    const reading = readSse(stream, (m) => runEventsOf(m).some((e) => e.type === "item.moved"));
    await h.db().transaction((tx) => appendRunEvents(tx, run.id, [{ type: "item.moved", payload: { to: "Done" } }]));
    const messages = await reading;
    abort.abort();
    expect(runEventsOf(messages).at(-1)).toMatchObject({ seq: await lastSeq(run.id), type: "item.moved", payload: { to: "Done" } });
    expect(ended(messages)).toBe(false);
  });

  it("refuses a run the actor cannot see exactly like a missing one", async () => {
    const w = await automationWorkflow(h.db(), quick);
    const run = await startTestRun(h.db(), w);
    const stranger = await actorFor(h.db(), (await createUser(h.db())).id);
    const signal = new AbortController().signal;
    await expect(runEventStream({ database: h.database(), actor: stranger, runId: run.id, signal })).rejects.toThrow(NotFound);
    await expect(runEventStream({ database: h.database(), actor: stranger, runId: crypto.randomUUID(), signal })).rejects.toThrow(NotFound);
  });
});
