import { eq, inArray } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";
import { runs } from "@/db/schema";
import { graph, task } from "../testing";
import { automationWorkflow, describeEngine, spyExecutor, startTestRun, waitForRun, waitForTask } from "./testing";

const gates = new Map<string, () => void>();
const spy = spyExecutor(({ runId }) => new Promise((resolve) => gates.set(runId, () => resolve({ ok: true }))));
const g = graph([task("work", { executor: { kind: "agent", role: "worker" } })]);
const statuses = async (db: import("@/db/client").Db, ids: string[]) =>
  Object.fromEntries((await db.select({ id: runs.id, status: runs.status }).from(runs).where(inArray(runs.id, ids))).map((r) => [r.id, r.status]));

describeEngine(
  "concurrency limits",
  (h) => {
    afterEach(() => {
      delete process.env.TANDEM_MAX_ACTIVE_RUNS;
    });

    it("runs at most the workflow's limit at once; the others wait as pending and start in order", async () => {
      const w = await automationWorkflow(h.db(), g, { maxConcurrentRuns: 1 });
      const a = await startTestRun(h.db(), w);
      const b = await startTestRun(h.db(), w);
      const c = await startTestRun(h.db(), w);
      expect(await statuses(h.db(), [a.id, b.id, c.id])).toEqual({ [a.id]: "running", [b.id]: "pending", [c.id]: "pending" });
      await waitForTask(h.db(), a.id, "work", ["running"]);
      await expect.poll(() => gates.has(a.id)).toBe(true);
      gates.get(a.id)!();
      await waitForRun(h.db(), a.id);
      await waitForTask(h.db(), b.id, "work", ["running"]);
      expect((await h.db().select().from(runs).where(eq(runs.id, c.id)))[0]!.status).toBe("pending");
      await expect.poll(() => gates.has(b.id)).toBe(true);
      gates.get(b.id)!();
      await expect.poll(() => gates.has(c.id)).toBe(true);
      gates.get(c.id)!();
      for (const r of [b, c]) expect((await waitForRun(h.db(), r.id)).status).toBe("completed");
    });

    it("admits exactly the limit when many runs start at once, each in its own transaction", async () => {
      const w = await automationWorkflow(h.db(), g, { maxConcurrentRuns: 3 });
      const started = await Promise.all(Array.from({ length: 12 }, () => startTestRun(h.db(), w)));
      const byStatus = Object.values(await statuses(h.db(), started.map((r) => r.id))).sort();
      expect(byStatus).toEqual([...Array(3).fill("running"), ...Array(9).fill("pending")].sort());
      // Let every run finish, three at a time, so the suite ends clean.
      await expect
        .poll(
          async () => {
            for (const [id, open] of gates) {
              if (!started.some((r) => r.id === id)) continue;
              open();
              gates.delete(id);
            }
            return Object.values(await statuses(h.db(), started.map((r) => r.id))).every((s) => s === "completed");
          },
          { timeout: 30_000, interval: 100 },
        )
        .toBe(true);
    });

    it("holds the instance-wide limit across workflows", async () => {
      process.env.TANDEM_MAX_ACTIVE_RUNS = "1";
      const one = await automationWorkflow(h.db(), g);
      const two = await automationWorkflow(h.db(), g);
      const a = await startTestRun(h.db(), one);
      const b = await startTestRun(h.db(), two);
      expect(await statuses(h.db(), [a.id, b.id])).toEqual({ [a.id]: "running", [b.id]: "pending" });
      await expect.poll(() => gates.has(a.id)).toBe(true);
      gates.get(a.id)!();
      await expect.poll(() => gates.has(b.id), { timeout: 10_000 }).toBe(true);
      gates.get(b.id)!();
      expect((await waitForRun(h.db(), b.id)).status).toBe("completed");
    });
  },
  { executors: { agent: spy.fn } },
);
