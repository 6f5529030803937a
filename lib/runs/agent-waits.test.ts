import { describe, expect, it } from "vitest";
import type { Gate } from "@/lib/agents/catalog/schemas";
import { type WaitFacts, agentWaitsOf } from "./agent-waits";

const gate: Gate = { kind: "tool", reason: "The agent wants to call the tool “deploy”.", tool: { id: "c1", name: "deploy", args: { env: "prod" } } };
const decided: Gate = { ...gate, decision: { approve: true, userId: "u", by: "Alice", comment: "", at: "2026-04-01T10:00:00.000Z" } };
const task = { key: "review", name: "Agent review", status: "waiting", waitingFor: "agent", iteration: 2 };
const call = (id: number, over: Partial<WaitFacts["calls"][number]> = {}): WaitFacts["calls"][number] => ({
  id,
  taskKey: "review",
  iteration: 2,
  status: "waiting",
  gate,
  agent: { id: "a", name: "Reviewer", version: 3 },
  at: "2026-04-01T10:00:00.000Z",
  ...over,
});

describe("agent calls waiting for a person", () => {
  it("offers the newest undecided call of the waiting task's iteration", () => {
    const waits = agentWaitsOf({ runStatus: "waiting_approval", level: "WRITE", tasks: [task], calls: [call(1, { iteration: 1 }), call(2), call(3, { status: "ok" })] });
    expect(waits).toEqual([{ taskKey: "review", taskName: "Agent review", callId: 2, agentName: "Reviewer", gate, canDecide: true, since: "2026-04-01T10:00:00.000Z" }]);
  });

  it("lets only WRITE decide, and nobody while the run is paused", () => {
    expect(agentWaitsOf({ runStatus: "waiting_approval", level: "READ", tasks: [task], calls: [call(2)] })[0]?.canDecide).toBe(false);
    expect(agentWaitsOf({ runStatus: "paused", level: "ADMIN", tasks: [task], calls: [call(2)] })[0]?.canDecide).toBe(false);
  });

  it("offers nothing once decided, or for tasks not waiting for an agent", () => {
    expect(agentWaitsOf({ runStatus: "waiting_approval", level: "WRITE", tasks: [task], calls: [call(2, { gate: decided })] })).toEqual([]);
    expect(agentWaitsOf({ runStatus: "running", level: "WRITE", tasks: [{ ...task, status: "queued", waitingFor: null }], calls: [call(2)] })).toEqual([]);
  });

  it("names the builtin planner when no catalog agent is bound", () => {
    expect(agentWaitsOf({ runStatus: "waiting_approval", level: "WRITE", tasks: [task], calls: [call(2, { agent: null })] })[0]?.agentName).toBe("Builtin planner");
  });
});
