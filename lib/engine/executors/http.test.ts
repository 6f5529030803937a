import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpTaskConfig, runHttp } from "./http";
import { type TestServer, startTestServer, testContext } from "./http-test-server";
import { TaskError } from "./types";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const [path] = req.path.split("?");
    switch (path) {
      case "/echo": {
        const json = JSON.stringify({ method: req.method, body: req.body });
        res.writeHead(201, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(json),
          etag: '"v1"',
          "set-cookie": "session=secret",
        });
        res.end(json);
        return;
      }
      case "/text":
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        res.end("plain “text”");
        return;
      case "/latin1":
        res.writeHead(200, { "content-type": "text/plain; charset=iso-8859-1" });
        res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
        return;
      case "/empty-json":
        res.writeHead(204, { "content-type": "application/json" });
        res.end();
        return;
      case "/bad-json":
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{not json");
        return;
      case "/fail":
        res.writeHead(500, { "content-type": "text/plain" });
        res.end("x".repeat(600) + "TAIL");
        return;
      case "/busy":
        res.writeHead(429, { "retry-after": "7" });
        res.end("slow down");
        return;
      case "/missing":
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "no such item" }));
        return;
      default:
        res.writeHead(418);
        res.end();
    }
  });
});

afterAll(() => server.close());

/** Calls the test server (or `url` when it is absolute) with an otherwise empty request. */
function call(method: string, url: string, extra: Partial<HttpTaskConfig> = {}, policy = server.policy()) {
  const absolute = url.startsWith("http") ? url : `${server.origin}${url}`;
  return runHttp({ method, url: absolute, headers: {}, ...extra }, testContext(), policy);
}

async function failure(promise: Promise<unknown>): Promise<TaskError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TaskError)) throw new Error(`expected a TaskError, got ${String(err)}`);
  return err;
}

describe("runHttp: requests and results", () => {
  it("sends an object as JSON with an Idempotency-Key and parses the JSON answer", async () => {
    const out = await runHttp(
      { method: "POST", url: `${server.origin}/echo`, headers: { "X-Trace": "t1" }, body: { a: 1, list: [true] } },
      testContext({ idempotencyKey: "run-9:call" }),
      server.policy(),
    );
    expect(out).toEqual({
      status: 201,
      headers: { "content-type": "application/json", "content-length": "52", etag: '"v1"' },
      body: { method: "POST", body: '{"a":1,"list":[true]}' },
    });
    const seen = server.seen.at(-1)!;
    expect(seen.headers["content-type"]).toBe("application/json");
    expect(seen.headers["idempotency-key"]).toBe("run-9:call");
    expect(seen.headers["x-trace"]).toBe("t1");
  });

  it("keeps the author's content type and idempotency key, and sends a string as it is", async () => {
    await runHttp(
      {
        method: "PUT",
        url: `${server.origin}/echo`,
        headers: { "Content-Type": "text/csv", "idempotency-key": "mine" },
        body: "a,b\n1,2",
      },
      testContext(),
      server.policy(),
    );
    const seen = server.seen.at(-1)!;
    expect(seen).toMatchObject({ method: "PUT", body: "a,b\n1,2" });
    expect(seen.headers["content-type"]).toBe("text/csv");
    expect(seen.headers["idempotency-key"]).toBe("mine");
  });

  it("sends no body on GET or DELETE, and no Idempotency-Key on GET", async () => {
    await call("GET", "/echo", { body: { ignored: true } });
    expect(server.seen.at(-1)!.body).toBe("");
    expect(server.seen.at(-1)!.headers["idempotency-key"]).toBeUndefined();
    await call("DELETE", "/echo", { body: { ignored: true } });
    expect(server.seen.at(-1)!.body).toBe("");
    expect(server.seen.at(-1)!.headers["idempotency-key"]).toBe("run-1:call:1");
  });

  it("answers text as text in the charset the response names", async () => {
    const get = (path: string) => call("GET", path);
    expect((await get("/text")).body).toBe("plain “text”");
    expect((await get("/latin1")).body).toBe("café");
    expect((await get("/empty-json")).body).toBeNull();
  });

  it("refuses a header it cannot send without echoing its value", async () => {
    const err = await failure(call("GET", "/echo", { headers: { "X-Token": "secret\nInjected: 1" } }));
    expect(err.message).toContain("The header “X-Token” is not valid");
    expect(err.message).not.toContain("secret");
    expect(err.retryable).toBe(false);
  });
});

describe("runHttp: the allow-list", () => {
  it("refuses a host that is not allow-listed before sending anything", async () => {
    const before = server.seen.length;
    const err = await failure(
      call("GET", `http://localhost:${server.port}/echo`),
    );
    expect(err.message).toBe(
      `localhost:${server.port} is not on the allow-list; an administrator can add it to TANDEM_HTTP_ALLOW_HOSTS.`,
    );
    expect(err.retryable).toBe(false);
    expect(server.seen.length).toBe(before);
  });

  it("refuses everything with an empty list, and the same host on another port", async () => {
    const refusedWith = (allowHosts: string[]) => failure(call("GET", "/echo", {}, server.policy({ allowHosts })));
    expect((await refusedWith([])).message).toContain("not on the allow-list");
    expect((await refusedWith([`127.0.0.1:${server.port + 1}`])).message).toContain("not on the allow-list");
  });

  it("matches a wildcard on subdomains only: *.localhost does not admit localhost", async () => {
    const err = await failure(
      call("GET", `http://localhost:${server.port}/echo`, {}, server.policy({ allowHosts: ["*.localhost"] })),
    );
    expect(err.message).toContain("not on the allow-list");
  });

  it("admits the server through a host entry without a port", async () => {
    const out = await runHttp(
      { method: "GET", url: `${server.origin}/text`, headers: {} },
      testContext(),
      server.policy({ allowHosts: ["127.0.0.1"] }),
    );
    expect(out.status).toBe(200);
  });
});

describe("runHttp: failures", () => {
  const get = (path: string) => failure(call("GET", path));

  it("a 500 is retryable and carries the first 500 characters of the body", async () => {
    const err = await get("/fail");
    expect(err.retryable).toBe(true);
    expect(err.message).toBe(`GET 127.0.0.1:${server.port} answered 500 Internal Server Error: ${"x".repeat(500)}`);
    expect(err.details).toMatchObject({ status: 500, body: "x".repeat(500) });
  });

  it("a 429 is retryable and keeps Retry-After for the runtime", async () => {
    const err = await get("/busy");
    expect(err.retryable).toBe(true);
    expect(err.message).toContain("answered 429 Too Many Requests: slow down");
    expect(err.details).toMatchObject({ status: 429, headers: { "retry-after": "7" } });
  });

  it("a 404 is not retryable", async () => {
    const err = await get("/missing");
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('answered 404 Not Found: {"error":"no such item"}');
  });

  it("invalid JSON under a JSON content type is not retryable", async () => {
    const err = await get("/bad-json");
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(`127.0.0.1:${server.port} answered invalid JSON`);
    expect(err.message).toContain("“{not json”");
  });

  it("a refused connection is retryable", async () => {
    const gone = await startTestServer(() => {});
    await gone.close();
    const err = await failure(call("GET", `${gone.origin}/`, {}, gone.policy()));
    expect(err.retryable).toBe(true);
    expect(err.message).toBe(`Could not reach 127.0.0.1:${gone.port}: ECONNREFUSED.`);
  });

  it("refuses a method an HTTP task cannot use", async () => {
    const err = await failure(call("TRACE", "/echo"));
    expect(err.message).toContain("“TRACE” is not a method");
    expect(err.retryable).toBe(false);
  });
});
