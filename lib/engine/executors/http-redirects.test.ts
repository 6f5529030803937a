import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpTaskConfig, runHttp } from "./http";
import { type TestServer, startTestServer, testContext } from "./http-test-server";
import { TaskError } from "./types";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const redirect = (status: number, location: string) => {
      res.writeHead(status, { location });
      res.end("moved");
    };
    if (req.path === "/old") return redirect(302, "/new");
    if (req.path === "/post-307") return redirect(307, "/new");
    if (req.path === "/post-303") return redirect(303, "/new");
    if (req.path === "/away") return redirect(302, `http://localhost:${server.port}/new`);
    if (req.path === "/no-location") {
      res.writeHead(302);
      return res.end();
    }
    const loop = /^\/loop\/(\d+)$/.exec(req.path);
    if (loop) return redirect(301, `/loop/${Number(loop[1]) + 1}`);
    res.writeHead(200, { "content-type": "application/json" });
    const type = req.headers["content-type"] ?? null;
    res.end(JSON.stringify({ path: req.path, method: req.method, body: req.body, type }));
  });
});

afterAll(() => server.close());

/** Calls the test server with an otherwise empty request. */
function call(method: string, path: string, extra: Partial<HttpTaskConfig> = {}, policy = server.policy()) {
  return runHttp({ method, url: `${server.origin}${path}`, headers: {}, ...extra }, testContext(), policy);
}

async function failure(promise: Promise<unknown>): Promise<TaskError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TaskError)) throw new Error(`expected a TaskError, got ${String(err)}`);
  return err;
}

describe("runHttp: redirects", () => {
  it("follows a redirect on the same host", async () => {
    const out = await call("GET", "/old");
    expect(out.body).toMatchObject({ path: "/new", method: "GET" });
    expect(server.seen.slice(-2).map((r) => r.path)).toEqual(["/old", "/new"]);
  });

  it("keeps the method and body through a 307", async () => {
    const out = await call("POST", "/post-307", { body: { n: 1 } });
    expect(out.body).toEqual({ path: "/new", method: "POST", body: '{"n":1}', type: "application/json" });
  });

  it("turns a 303 into a GET without a body or its content type", async () => {
    const out = await call("POST", "/post-303", { headers: { "content-type": "application/json" }, body: { n: 1 } });
    expect(out.body).toEqual({ path: "/new", method: "GET", body: "", type: null });
  });

  it("refuses a redirect to another host, naming it, and does not go there", async () => {
    const before = server.seen.length;
    const err = await failure(
      call("GET", "/away", {}, server.policy({ allowHosts: [`127.0.0.1:${server.port}`, `localhost:${server.port}`] })),
    );
    expect(err.message).toContain(`redirected to localhost:${server.port}, which is not followed`);
    expect(err.retryable).toBe(false);
    expect(server.seen.length).toBe(before + 1);
  });

  it("stops after the policy's number of redirects", async () => {
    const before = server.seen.length;
    const err = await failure(call("GET", "/loop/0", {}, server.policy({ maxRedirects: 5 })));
    expect(err.message).toContain("redirected more than 5 times");
    expect(err.retryable).toBe(false);
    expect(server.seen.length - before).toBe(6);
  });

  it("refuses a redirect without a Location", async () => {
    const err = await failure(call("GET", "/no-location"));
    expect(err.message).toContain("without a Location header");
  });
});
