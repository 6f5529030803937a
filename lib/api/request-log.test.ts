import { beforeAll, describe, expect, it, vi } from "vitest";
import { describeDb } from "@/db/testing/database";
import { type Who, apiCtx, createApiWorld } from "./testing";

// The module logger, writing to a stream this test reads back (log-testing would import the mock itself).
const capture = vi.hoisted(() => ({ lines: (): Record<string, unknown>[] => [] }));
vi.mock("@/lib/log", async (original) => {
  const mod = await original<typeof import("@/lib/log")>();
  const { Writable } = await import("node:stream");
  let text = "";
  const destination = new Writable({ write: (chunk, _enc, done) => void ((text += String(chunk)), done()) });
  capture.lines = () => text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { ...mod, log: mod.createLogger({ level: "info", destination }) };
});

const { handleApi } = await import("./core");
const { meRoute } = await import("./me");

const linesFor = (requestId: string) => capture.lines().filter((l) => l.requestId === requestId);

describeDb("REST request log", (db, driver) => {
  let world: Awaited<ReturnType<typeof createApiWorld>>;
  beforeAll(async () => {
    world = await createApiWorld(db());
  });
  // The suite runs once per driver against one logger: ids carry the driver to stay apart.
  const ctx = (who: Who | null, requestId: string, o: { authorization?: string; method?: string } = {}) => ({
    ...apiCtx(db(), who ? world.tokens[who] : null, o),
    path: "/api/v1/me",
    requestId: `${requestId}-${driver}`,
  });
  const linesOf = (requestId: string) => linesFor(`${requestId}-${driver}`);

  it("writes one line per request: method, path, status, duration, request id and user", async () => {
    const res = await meRoute(ctx("owner", "req-me-00000001"));
    expect(res.status).toBe(200);
    const lines = linesOf("req-me-00000001");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      msg: "api request",
      method: "GET",
      path: "/api/v1/me",
      status: 200,
      userId: world.people.owner.userId,
    });
    expect(typeof lines[0]!.durationMs).toBe("number");
  });

  it("logs a refused request with its status and no user, and never the token it was sent", async () => {
    const res = await meRoute(ctx(null, "req-me-00000002", { authorization: "Bearer tdm_not-a-real-token" }));
    expect(res.status).toBe(401);
    const [line, ...more] = linesOf("req-me-00000002");
    expect(more).toEqual([]);
    expect(line).toMatchObject({ status: 401, path: "/api/v1/me" });
    expect(line).not.toHaveProperty("userId");
    expect(JSON.stringify(capture.lines())).not.toContain("tdm_");
  });

  it("logs an unexpected failure at error level with the request id, then the request line with 500", async () => {
    const res = await handleApi(ctx("owner", "req-me-00000003", { method: "post" }), async () => {
      throw new Error("disk on fire");
    });
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("disk on fire");
    const lines = linesOf("req-me-00000003");
    expect(lines.map((l) => [l.level, l.status ?? null])).toEqual([
      ["error", null],
      ["info", 500],
    ]);
    expect(lines[0]!.err).toMatchObject({ type: "Error", message: "disk on fire" });
    expect(lines[0]!.userId).toBe(world.people.owner.userId);
    expect(lines[1]!.method).toBe("POST");
  });
});

describe("REST request log without a database", () => {
  it("has the request id even when the caller never authenticates", async () => {
    const res = await handleApi(
      { db: undefined as never, authorization: null, origin: null, host: "tandem.test", method: "GET", path: "/api/v1/runs", requestId: "req-anon-0001", sessionActor: async () => null },
      async () => new Response("unreachable"),
    );
    expect(res.status).toBe(401);
    expect(linesFor("req-anon-0001")).toEqual([expect.objectContaining({ status: 401, method: "GET", path: "/api/v1/runs" })]);
  });
});
