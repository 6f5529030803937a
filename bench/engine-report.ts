import type { EngineFigures } from "./engine";
import { p50p95 } from "./stats";

/** Aim: the engine moves tasks at least half as fast as a bare loop of the same queue. */
export const ENGINE_AIM_RATIO = 0.5;

const rate = (n: number, ms: number) => n / (ms / 1000);
const row = (label: string, value: string) => `  ${label.padEnd(30)} ${value}`;
const perS = (v: number) => `${v.toFixed(v < 100 ? 1 : 0)}/s`;

/** The engine's table for one driver. */
export function engineTable(e: EngineFigures): string {
  const engineTasks = rate(e.tasks, e.engineMs);
  const rawJobs = rate(e.tasks, e.rawMs);
  const ratio = engineTasks / rawJobs;
  return [
    `engine: ${e.runs.toLocaleString("en")} runs of a 5-task chain, no-op executor [${e.driver}]`,
    row("runs", `${perS(rate(e.runs, e.engineMs))}  (all done in ${(e.engineMs / 1000).toFixed(1)} s)`),
    row("task transitions", `${perS(engineTasks)}  (claim, complete, next ready: each durable)`),
    row("ready → started (via the queue)", `${p50p95(e.readyToStarted)}  (n=${e.readyToStarted.n}; ${e.eager} more started at once by the worker that made them ready)`),
    row("raw queue loop", `${perS(rawJobs)} jobs (send, fetch, complete) · created → handled ${p50p95(e.rawLatency)}`),
    row("ratio engine / raw", `${ratio.toFixed(2)} (aim ≥ ${ENGINE_AIM_RATIO}) ${ratio >= ENGINE_AIM_RATIO ? "ok" : "UNDER"}`),
  ].join("\n");
}

/** One line for commit messages and issues. */
export function engineSummary(e: EngineFigures): string {
  const engineTasks = rate(e.tasks, e.engineMs);
  const rawJobs = rate(e.tasks, e.rawMs);
  return (
    `engine ${e.runs} runs × 5 tasks [${e.driver}]: ${perS(rate(e.runs, e.engineMs))} runs, ${perS(engineTasks)} task transitions, ` +
    `ready→started ${p50p95(e.readyToStarted)} · raw loop ${perS(rawJobs)} · ratio ${(engineTasks / rawJobs).toFixed(2)} (aim ≥ ${ENGINE_AIM_RATIO})`
  );
}
