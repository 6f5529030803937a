import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHttp } from "./http";
import { type TestServer, startTestServer, testContext } from "./http-test-server";
import { TaskError } from "./types";

let server: TestServer;
/** Called when a request arrives at /hang, so a test can act while the server holds the answer. */
let onHang: () => void = () => {};

/** Writes 1 KiB chunks without a Content-Length until the client goes away. */
function stream(res: ServerResponse) {
  res.writeHead(200, { "content-type": "text/plain" });
  const timer = setInterval(() => res.write("y".repeat(1024)), 1);
  res.on("close", () => clearInterval(timer));
}

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.path === "/hang") return onHang();
    if (req.path === "/stall-body") {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.write("partial");
    }
    if (req.path === "/stream") return stream(res);
    if (req.path === "/declares-huge") {
      // Says 10 MB and sends a byte: only the Content-Length can tell the client to stop at once.
      res.writeHead(200, { "content-type": "text/plain", "content-length": "10000000" });
      return res.write("z");
    }
    const size = /^\/bytes\/(\d+)$/.exec(req.path);
    if (size) {
      res.writeHead(200, { "content-type": "text/plain", "content-length": size[1] });
      return res.end("z".repeat(Number(size[1])));
    }
    res.writeHead(404);
    res.end();
  });
});

afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<TaskError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TaskError)) throw new Error(`expected a TaskError, got ${String(err)}`);
  return err;
}

const get = (path: string) => ({ method: "GET", url: `${server.origin}${path}`, headers: {} });

describe("runHttp: timeouts and cancellation", () => {
  it("times out waiting for an answer, retryably", async () => {
    const err = await failure(runHttp(get("/hang"), testContext(), server.policy(), 100));
    expect(err.message).toBe(`The request to 127.0.0.1:${server.port} timed out after 100 ms.`);
    expect(err.retryable).toBe(true);
  });

  it("uses the policy's timeout when the task sets none", async () => {
    const err = await failure(runHttp(get("/hang"), testContext(), server.policy({ timeoutMs: 150 })));
    expect(err.message).toContain("timed out after 150 ms");
  });

  it("times out while the body is still arriving", async () => {
    const err = await failure(runHttp(get("/stall-body"), testContext(), server.policy(), 150));
    expect(err.message).toContain("timed out after 150 ms");
    expect(err.retryable).toBe(true);
  });

  it("stops when the run is cancelled, and is not retried", async () => {
    const controller = new AbortController();
    onHang = () => controller.abort();
    const err = await failure(runHttp(get("/hang"), testContext({ signal: controller.signal }), server.policy()));
    expect(err.message).toBe(`The request to 127.0.0.1:${server.port} was cancelled.`);
    expect(err.retryable).toBe(false);
  });

  it("sends nothing when the run is already cancelled", async () => {
    const before = server.seen.length;
    const err = await failure(runHttp(get("/hang"), testContext({ signal: AbortSignal.abort() }), server.policy()));
    expect(err.message).toContain("was cancelled");
    expect(server.seen.length).toBe(before);
  });
});

describe("runHttp: response size", () => {
  const policy = () => server.policy({ maxResponseBytes: 4096 });

  it("accepts a body of exactly the limit", async () => {
    const out = await runHttp(get("/bytes/4096"), testContext(), policy());
    expect(out.body).toBe("z".repeat(4096));
  });

  it("refuses a body over the limit", async () => {
    const err = await failure(runHttp(get("/bytes/4097"), testContext(), policy()));
    expect(err.message).toContain("sent a response larger than 4096 bytes");
    expect(err.message).toContain("TANDEM_HTTP_MAX_RESPONSE_BYTES");
    expect(err.retryable).toBe(false);
  });

  it("refuses on the Content-Length alone, before the body arrives", async () => {
    const err = await failure(runHttp(get("/declares-huge"), testContext(), policy()));
    expect(err.message).toContain("larger than 4096 bytes");
  });

  it("stops reading an endless body without a Content-Length past the limit", async () => {
    const err = await failure(runHttp(get("/stream"), testContext(), policy()));
    expect(err.message).toContain("larger than 4096 bytes");
    expect(err.retryable).toBe(false);
  });
});
