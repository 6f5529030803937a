import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpPolicy } from "./http-policy";
import type { ExecutorContext } from "./types";

/** A loopback HTTP server and executor contexts for the `http` executor's tests. Not used by the application. */

export type SeenRequest = { method: string; path: string; headers: IncomingMessage["headers"]; body: string };
export type Handler = (req: SeenRequest, res: ServerResponse) => void;

export type TestServer = {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every request the server received, in order, with its body. */
  seen: SeenRequest[];
  /** A policy that allows this server only (1 MiB, 5 s, 5 redirects unless `over` says otherwise). */
  policy(over?: Partial<HttpPolicy>): HttpPolicy;
  close(): Promise<void>;
};

/** Starts a server on 127.0.0.1 at a free port; `handler` answers each request once its body has arrived. */
export async function startTestServer(handler: Handler): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      seen.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    seen,
    policy: (over = {}) => ({
      allowHosts: [`127.0.0.1:${port}`],
      maxResponseBytes: 1024 * 1024,
      timeoutMs: 5_000,
      maxRedirects: 5,
      ...over,
    }),
    close: () =>
      new Promise<void>((resolve) => {
        // Some tests leave a response hanging on purpose; drop those sockets instead of waiting for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An executor context for one attempt; `over` replaces any field (a signal to cancel, say). */
export function testContext(over: Partial<ExecutorContext> = {}): ExecutorContext {
  return {
    runId: "run-1",
    taskRunId: "task-run-1",
    taskKey: "call",
    attempt: 1,
    iteration: 1,
    input: {},
    signal: new AbortController().signal,
    idempotencyKey: "run-1:call:1",
    ...over,
  };
}
