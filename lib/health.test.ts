import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "@/db/client";
import { createTestDatabase, drivers } from "@/db/testing/database";
import { type Engine, startEngine } from "@/lib/engine/runtime/worker";
import { checkHealth } from "./health";

/** A database handle whose queries fail (or never answer), as when the server went away. */
function brokenDatabase(how: "refused" | "hangs"): () => Promise<Database> {
  const execute = () => (how === "refused" ? Promise.reject(new Error("connect ECONNREFUSED 10.0.0.5:5432")) : new Promise(() => {}));
  return async () => ({ db: { execute } as unknown as Db, driver: "postgres" }) as Database;
}

for (const driver of drivers) {
  describe(`/api/health with the worker in this process [${driver}]`, () => {
    let database: Database;
    let engine: Engine;
    beforeAll(async () => {
      database = await createTestDatabase(driver);
      engine = await startEngine({ database, embedded: driver === "pglite" });
    }, 60_000);
    afterAll(async () => {
      await engine?.stop();
      await database?.close();
    }, 60_000);

    it("is ok while the worker runs", async () => {
      const { httpStatus, body } = await checkHealth({ database: async () => database, engine });
      expect(httpStatus).toBe(200);
      expect(body).toEqual({ status: "ok", database: { status: "ok", driver }, worker: { status: "ok", mode: "embedded", workers: 1 } });
    });

    it("is degraded (still 200) once the worker stopped", async () => {
      await engine.stop();
      const { httpStatus, body } = await checkHealth({ database: async () => database, engine });
      expect(httpStatus).toBe(200);
      expect(body.status).toBe("degraded");
      expect(body.database).toEqual({ status: "ok", driver });
      expect(body.worker).toEqual({ status: "stopped", mode: "embedded" });
    });
  });

  describe(`/api/health with workers in other processes [${driver}]`, () => {
    let database: Database;
    let sender: Engine;
    let worker: Engine;
    beforeAll(async () => {
      database = await createTestDatabase(driver);
      // A web instance with TANDEM_WORKER=off, and a worker as `npm run worker` would start it.
      sender = await startEngine({ database, sendOnly: true });
      worker = await startEngine({ database, embedded: false });
    }, 60_000);
    afterAll(async () => {
      await worker?.stop();
      await sender?.stop();
      await database?.close();
    }, 60_000);

    it("is ok when a worker elsewhere is live in the registry", async () => {
      const { httpStatus, body } = await checkHealth({ database: async () => database, engine: sender });
      expect(httpStatus).toBe(200);
      expect(body).toEqual({ status: "ok", database: { status: "ok", driver }, worker: { status: "ok", mode: "external", workers: 1 } });
    });

    it("is degraded when no worker is left", async () => {
      await worker.stop();
      const { httpStatus, body } = await checkHealth({ database: async () => database, engine: sender });
      expect(httpStatus).toBe(200);
      expect(body).toEqual({ status: "degraded", database: { status: "ok", driver }, worker: { status: "stopped", mode: "external", workers: 0 } });
    });
  });
}

describe("/api/health without a database", () => {
  it("answers 503 when the database refuses, without saying why", async () => {
    const { httpStatus, body } = await checkHealth({ database: brokenDatabase("refused"), engine: undefined, env: { TANDEM_WORKER: "off" } });
    expect(httpStatus).toBe(503);
    expect(body).toEqual({ status: "error", database: { status: "unreachable", driver: "postgres" }, worker: { status: "unknown", mode: "external" } });
    expect(JSON.stringify(body)).not.toContain("10.0.0.5");
  });

  it("answers 503 when the database cannot even be opened", async () => {
    const { httpStatus, body } = await checkHealth({
      database: () => Promise.reject(new Error("Cannot reach PostgreSQL")),
      engine: undefined,
      env: {},
    });
    expect(httpStatus).toBe(503);
    expect(body.database).toEqual({ status: "unreachable" });
  });

  it("does not hang when the database does", async () => {
    const started = Date.now();
    const { httpStatus } = await checkHealth({ database: brokenDatabase("hangs"), engine: undefined, timeoutMs: 50 });
    expect(httpStatus).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("says unknown, not stopped, while the engine is still starting", async () => {
    const { body } = await checkHealth({ database: brokenDatabase("refused"), engine: new Promise(() => {}), env: {}, timeoutMs: 50 });
    expect(body.worker).toEqual({ status: "unknown", mode: "embedded" });
  });
});
