import { describe, expect, it } from "vitest";
import { RUN_EVENT_TYPES, type RunEventEntry, describeEvent, eventTone, mergeEvents } from "./event-text";

const ev = (seq: number, type: string, taskKey: string | null = null, payload: Record<string, unknown> = {}): RunEventEntry => ({
  seq,
  type,
  taskKey,
  payload,
  at: "2026-04-01T10:00:00.000Z",
});

describe("run event text", () => {
  const names = (k: string) => ({ review: "Agent review" })[k] ?? k;

  it("describes task events by the task's name, with attempts, errors and durations", () => {
    expect(describeEvent(ev(1, "task.failed", "review", { attempt: 2, error: "timeout" }), names)).toBe("Agent review failed (attempt 2): timeout");
    expect(describeEvent(ev(2, "task.started", "review", { attempt: 1 }), names)).toBe("Agent review started");
    expect(describeEvent(ev(3, "task.completed", "collect", { durationMs: 1_500 }), names)).toBe("collect completed in 1.5 s");
    expect(describeEvent(ev(4, "task.waiting", "gate", { for: "approval" }))).toBe("gate waits for an approval");
    expect(describeEvent(ev(5, "task.retrying", "ci", { delayMs: 5_000, error: "HTTP 503" }))).toBe("ci will retry in 5 s: HTTP 503");
  });

  it("says who decided and why", () => {
    expect(describeEvent(ev(1, "approval.rejected", "gate", { by: "Bob", comment: "too risky" }))).toBe("gate rejected by Bob — “too risky”");
    expect(describeEvent(ev(2, "run.paused", null, { by: "Alice" }))).toBe("Paused by Alice");
    expect(describeEvent(ev(3, "run.failed", null, { error: "Task “ci” failed." }))).toBe("Run failed: Task “ci” failed.");
    expect(describeEvent(ev(4, "item.moved", null, { toName: "Done" }))).toBe("Item moved to Done");
    expect(describeEvent(ev(5, "run.status", null, { status: "waiting_approval" }))).toBe("Run is waiting for approval");
    expect(describeEvent(ev(6, "run.status", null, { status: "weird" }))).toBe("Run status changed");
  });

  it("says what an agent task waits for, and who let its call through or stopped it", () => {
    const reason = "The agent wants to call the tool “deploy”, which needs a person's approval.";
    expect(describeEvent(ev(1, "task.waiting", "review", { for: "agent", reason, gate: "tool", tool: "deploy" }), names)).toBe(`Agent review waits for a decision: ${reason}`);
    expect(describeEvent(ev(2, "task.waiting", "review", { for: "agent", gate: "tool", tool: "deploy" }), names)).toBe("Agent review waits for approval to call “deploy”");
    expect(describeEvent(ev(3, "task.waiting", "review", { for: "agent", gate: "budget" }), names)).toBe("Agent review waits for approval to go over its budget");
    expect(describeEvent(ev(4, "task.waiting", "review", { for: "agent", gate: "guardrail" }), names)).toBe("Agent review waits for approval to go on");
    expect(describeEvent(ev(5, "agent.approved", "review", { by: "Alice", comment: "", gate: "tool", tool: "deploy" }), names)).toBe("Agent review: call of “deploy” approved by Alice");
    expect(describeEvent(ev(6, "agent.denied", "review", { by: "Bob", comment: "not on Fridays", gate: "tool", tool: "deploy" }), names)).toBe(
      "Agent review: call of “deploy” denied by Bob — “not on Fridays”",
    );
    expect(describeEvent(ev(7, "agent.approved", "review", { by: "Alice", comment: "worth it", gate: "budget" }), names)).toBe("Agent review: going over budget approved by Alice — “worth it”");
    expect(describeEvent(ev(8, "agent.denied", "review", { by: "Bob", comment: "no", gate: "guardrail" }), names)).toBe("Agent review: agent call denied by Bob — “no”");
  });

  it("listens for the agent decision events on the stream", () => {
    expect(RUN_EVENT_TYPES).toEqual(expect.arrayContaining(["agent.approved", "agent.denied", "task.waiting"]));
  });

  it("falls back to the raw type for events it does not know", () => {
    expect(describeEvent(ev(1, "run.something"))).toBe("run.something");
    expect(describeEvent(ev(2, "task.something", "x"))).toBe("task.something (x)");
  });

  it("merges page and streamed events by seq, oldest first, keeping the newest", () => {
    const merged = mergeEvents([ev(1, "run.created"), ev(2, "run.started")], [ev(3, "task.started", "a"), ev(2, "run.started")]);
    expect(merged.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(mergeEvents([ev(1, "a"), ev(2, "b"), ev(3, "c")], [], 2).map((e) => e.seq)).toEqual([2, 3]);
  });

  it("colours failures red and completions green", () => {
    expect(eventTone("task.failed")).toBe("rose");
    expect(eventTone("approval.rejected")).toBe("rose");
    expect(eventTone("agent.denied")).toBe("rose");
    expect(eventTone("agent.approved")).toBe("emerald");
    expect(eventTone("run.completed")).toBe("emerald");
    expect(eventTone("task.waiting")).toBe("amber");
    expect(eventTone("run.created")).toBe("slate");
  });
});
