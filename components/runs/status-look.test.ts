import { describe, expect, it } from "vitest";
import { RUN_STATUSES, TASK_STATUSES } from "@/lib/engine/run-state";
import { cardRunLook, formatRunDuration, isActiveRun, originLabel, runLook, taskLook } from "./status-look";

describe("status looks", () => {
  it("gives every task state its own label and icon, and only running tasks animate", () => {
    const looks = TASK_STATUSES.map((s) => taskLook(s));
    expect(new Set(looks.map((l) => l.label)).size).toBe(TASK_STATUSES.length);
    expect(new Set(looks.map((l) => l.icon)).size).toBe(TASK_STATUSES.length);
    expect(TASK_STATUSES.filter((s) => taskLook(s).animated)).toEqual(["running"]);
  });

  it("colours finished tasks green and red, and draws skipped ones dashed", () => {
    expect(taskLook("completed")).toMatchObject({ tone: "emerald" });
    expect(taskLook("completed").frame).toContain("emerald");
    expect(taskLook("failed")).toMatchObject({ tone: "rose" });
    expect(taskLook("failed").frame).toContain("rose");
    expect(taskLook("skipped").frame).toContain("border-dashed");
    expect(taskLook("pending").tone).toBe("slate");
  });

  it("says what a waiting task waits for", () => {
    expect(taskLook("waiting", "approval")).toMatchObject({ label: "Waiting for approval", icon: "approval", tone: "amber" });
    expect(taskLook("waiting", "human")).toMatchObject({ label: "Waiting for a person", icon: "human" });
    expect(taskLook("waiting", "delay")).toMatchObject({ label: "Waiting (delay)", icon: "delay" });
    // waitingFor means nothing once a task stopped waiting
    expect(taskLook("completed", "approval").label).toBe("Completed");
  });

  it("knows which runs are still going", () => {
    expect(RUN_STATUSES.filter(isActiveRun)).toEqual(["pending", "running", "paused", "waiting_approval"]);
    expect(runLook("failed")).toMatchObject({ label: "Failed", tone: "rose", active: false });
    expect(runLook("waiting_approval")).toMatchObject({ label: "Waiting for approval", active: true });
  });

  it("shows running, waiting and failed runs on a card, and nothing for finished ones", () => {
    expect(RUN_STATUSES.map((s) => cardRunLook(s)?.kind ?? null)).toEqual(["running", "running", "waiting", "waiting", null, "failed", null]);
  });

  it("formats durations for people", () => {
    expect(formatRunDuration(null)).toBe("—");
    expect(formatRunDuration(850)).toBe("850 ms");
    expect(formatRunDuration(1_240)).toBe("1.2 s");
    expect(formatRunDuration(42_000)).toBe("42 s");
    expect(formatRunDuration(185_000)).toBe("3 min 5 s");
    expect(formatRunDuration(120_000)).toBe("2 min");
    expect(formatRunDuration(2 * 3_600_000 + 10 * 60_000)).toBe("2 h 10 min");
  });

  it("names a run's origin", () => {
    expect(originLabel("stage")).toBe("Item entered the stage");
    expect(originLabel("something new")).toBe("something new");
  });
});
