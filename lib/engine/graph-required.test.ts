import { describe, expect, it } from "vitest";
import { validateTaskGraph } from "./graph";
import type { Executor, Task } from "./graph-schema";
import { describeIssues, graph, task } from "./testing";

const issuesOf = (over: Partial<Task>) => describeIssues(validateTaskGraph(graph([task("t", over)])));
const executor = (x: Executor) => issuesOf({ executor: x });
const http = (url: string, headers: Record<string, string> = {}) => executor({ kind: "http", method: "POST", url, headers });

describe("task name", () => {
  it("is required, and the message falls back to the id", () => {
    expect(issuesOf({ name: "  " })).toEqual(["t name: Task “t” needs a name."]);
  });
});

describe("agent role", () => {
  it("is required", () => {
    expect(executor({ kind: "agent", role: " " })).toEqual(["t executor.role: “T” is an agent task; choose the role that does the work."]);
    expect(executor({ kind: "agent", role: "reviewer" })).toEqual([]);
  });
});

describe("approvals", () => {
  it("needs at least one", () => {
    expect(executor({ kind: "approval", approvals: 0, level: "WRITE" })).toEqual(["t executor.approvals: “T” needs at least one approval."]);
  });
});

describe("human task", () => {
  it("needs nothing more: its instructions may be empty", () => {
    expect(executor({ kind: "human", instructions: "" })).toEqual([]);
    expect(executor({ kind: "human", instructions: "Paste the release link." })).toEqual([]);
  });

  it("still needs a name like any task", () => {
    expect(issuesOf({ name: "", executor: { kind: "human", instructions: "" } })).toEqual(["t name: Task “t” needs a name."]);
  });
});

describe("http URL and headers", () => {
  it("needs a URL", () => {
    expect(http("")).toEqual(["t executor.url: “T” needs the URL to call."]);
  });

  it.each(["ftp://example.com", "example.com/hook", "{{run.input.url}}", "https://{{run.input.host}}/x", "https:///path"])(
    "rejects %s: it must start with http(s):// and a literal host",
    (url) => {
      expect(http(url)).toEqual([
        "t executor.url: The URL of “T” must start with http:// or https:// and a host name; references may only follow the host.",
      ]);
    },
  );

  it.each(["https://example.com", "http://localhost:8080/hook", "HTTPS://ci.example.com/builds/{{item.data.ref}}?x={{item.id}}"])(
    "accepts %s",
    (url) => {
      expect(http(url)).toEqual([]);
    },
  );

  it("needs a name for each header", () => {
    expect(http("https://example.com", { " ": "x", accept: "json" })).toEqual([
      "t executor.headers: “T” has a header without a name; name it or remove it.",
    ]);
  });
});

describe("delay", () => {
  it("must be longer than zero", () => {
    expect(executor({ kind: "delay", ms: 0 })).toEqual(["t executor.ms: “T” waits no time at all; set a delay longer than 0 ms."]);
    expect(executor({ kind: "delay", ms: 1 })).toEqual([]);
  });
});

describe("transform output", () => {
  it("must be present; any JSON value, null included, will do", () => {
    expect(executor({ kind: "transform", output: undefined })).toEqual([
      "t executor.output: “T” is a transform without an output template; describe the output it produces.",
    ]);
    expect(executor({ kind: "transform", output: null })).toEqual([]);
  });
});

describe("loop limit", () => {
  it("needs a maximum number of iterations", () => {
    const loop = { until: { left: "{{output}}", op: "truthy" as const }, maxIterations: undefined as unknown as number };
    expect(issuesOf({ loop })).toEqual(["t loop.maxIterations: The loop of “T” needs a maximum number of iterations (1–100)."]);
  });
});

describe("retry and timeout", () => {
  it("needs at least one attempt", () => {
    expect(issuesOf({ retry: { maxAttempts: 0, backoff: "fixed", initialDelayMs: 0 } })).toEqual([
      "t retry.maxAttempts: “T” must be attempted at least once; set the attempts to 1 or more.",
    ]);
  });

  it("accepts no timeout, and rejects one that is not positive", () => {
    expect(issuesOf({ timeoutMs: null })).toEqual([]);
    expect(issuesOf({ timeoutMs: 0 })).toEqual([
      "t timeoutMs: The timeout of “T” must be longer than 0 ms; clear it for no timeout.",
    ]);
  });
});
