import { expect, it } from "vitest";
import { chain, graph, task } from "./testing";
import { engineMetrics } from "./metrics";
import { automationWorkflow, describeEngine, startTestRun, waitForRun } from "./runtime/testing";

const value = (text: string, series: string) => Number(text.split("\n").find((l) => l.startsWith(`${series} `))?.split(" ")[1]);

describeEngine("Prometheus metrics", (h) => {
  it("counts runs and tasks by status, the active runs, durations and the queue", async () => {
    const before = await engineMetrics(h.db());
    expect(value(before, 'tandem_runs{status="completed"}')).toBe(0);
    const g = graph([task("a"), task("b")], chain("a", "b"));
    const w = await automationWorkflow(h.db(), g);
    for (let i = 0; i < 3; i++) await waitForRun(h.db(), (await startTestRun(h.db(), w)).id);
    const text = await engineMetrics(h.db());
    expect(value(text, 'tandem_runs{status="completed"}')).toBe(3);
    expect(value(text, 'tandem_runs{status="failed"}')).toBe(0);
    expect(value(text, "tandem_runs_active")).toBe(0);
    expect(value(text, 'tandem_tasks{status="completed"}')).toBe(6);
    expect(value(text, "tandem_run_duration_seconds_count")).toBe(3);
    expect(value(text, 'tandem_run_duration_seconds_bucket{le="+Inf"}')).toBe(3);
    expect(value(text, "tandem_task_duration_seconds_count")).toBe(6);
    expect(value(text, 'tandem_queue_depth{queue="tandem-task"}')).toBe(0);
    expect(text).toContain("# TYPE tandem_run_duration_seconds histogram");
  });
});
