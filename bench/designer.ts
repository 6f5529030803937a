import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import type { Db } from "@/db/client";
import { type Task, type TaskGraph, newTask } from "@/lib/engine/graph-schema";
import { validateTaskGraph } from "@/lib/engine/graph";
import { insertWorkflow } from "@/lib/workflows/create";
import { definitionOf, newStage } from "@/lib/workflows/definition";
import type { BoardData } from "./board-data";
import { VIEWPORT } from "./browser";
import { type Summary, summarize } from "./stats";

/**
 * A layered DAG of `tasks` tasks and about `edges` edges: 25 layers, each task depending on one or two
 * tasks of the layer before (fan-out and fan-in), laid out on a grid as the designer would.
 */
export function bigGraph(tasks = 500, edges = 600): TaskGraph {
  const layers = 25;
  const perLayer = Math.ceil(tasks / layers);
  const list: Task[] = [];
  for (let i = 0; i < tasks; i++) {
    const layer = Math.floor(i / perLayer);
    const row = i % perLayer;
    list.push(
      newTask(`t${i}`, i % 5 === 0 ? { kind: "agent", role: "reviewer" } : { kind: "transform", output: { n: i } }, {
        name: `Task ${i}`,
        input: layer > 0 ? { from: "{{previous_output}}" } : {},
        position: { x: layer * 280, y: row * 110 },
      }),
    );
  }
  const out: TaskGraph["edges"] = [];
  const seen = new Set<string>();
  const add = (from: number, to: number) => {
    const key = `${from}->${to}`;
    if (from >= tasks || to >= tasks || seen.has(key)) return;
    seen.add(key);
    out.push({ from: `t${from}`, to: `t${to}`, condition: null });
  };
  // Every task after the first layer depends on the task at its row in the layer before…
  for (let i = perLayer; i < tasks; i++) add(i - perLayer, i);
  // …and some also on the next row up (a join), until the edge budget is spent.
  for (let i = perLayer; i < tasks && out.length < edges; i += 1) if (i % perLayer > 0 && (i * 7) % 5 === 0) add(i - perLayer - 1, i);
  for (let i = perLayer; i < tasks && out.length < edges; i += 1) if (i % perLayer > 0) add(i - perLayer - 1, i);
  return { roles: [{ id: "reviewer", name: "Reviewer", capabilities: [] }], tasks: list, edges: out };
}

export type DesignerData = { workflowId: string; stageId: string; tasks: number; edges: number; validate: Summary };

/** In-process time of one live validation of the graph, as the designer runs it on every edit. */
function timeValidation(graph: TaskGraph, runs = 20): Summary {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    validateTaskGraph(graph);
    times.push(performance.now() - start);
  }
  return summarize(times);
}

/** Writes a workflow owned by the bench user whose middle stage holds the big graph. */
export async function loadDesignerData(db: Db, board: BoardData): Promise<DesignerData> {
  const graph = bigGraph();
  const problems = validateTaskGraph(graph);
  if (problems.length) throw new Error(`The bench graph is invalid: ${problems[0]!.message}`);
  const stage = { ...newStage(randomUUID(), "AUTOMATION", "Pipeline"), taskGraph: graph };
  const definition = definitionOf([newStage(randomUUID(), "HUMAN", "Inbox"), stage, newStage(randomUUID(), "HUMAN", "Done")]);
  const wf = await insertWorkflow(db, { name: "Designer bench", ownerUserId: board.user.id, visibility: "personal" }, definition, "create", board.user.id);
  return { workflowId: wf.id, stageId: stage.id, tasks: graph.tasks.length, edges: graph.edges.length, validate: timeValidation(graph) };
}

// Notes when the task canvas shows every node, in the page's clock (navigation start = 0).
const READY_PROBE = (count: number) => `
  window.__canvasReadyAt = undefined;
  const check = () => {
    const nodes = document.querySelectorAll('[data-testid="designer-canvas"] .react-flow__node');
    const viewport = document.querySelector('[data-testid="designer-canvas"] .react-flow__viewport');
    if (nodes.length >= ${count} && viewport && viewport.style.transform && [...nodes].every((n) => n.style.visibility !== "hidden")) {
      window.__canvasReadyAt = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => { if (check()) observer.disconnect(); })
    .observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["style"] });
`;

// Strings, not functions: tsx would wrap named functions in a helper the page does not have.
const START_FRAMES = `
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  const tick = (t) => {
    window.__frames.push(t - last);
    last = t;
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;
const STOP_FRAMES = "window.__recording = false; window.__frames.slice(1)";

/** Frame durations (ms) recorded with requestAnimationFrame while `action` runs. */
async function framesDuring(page: Page, action: () => Promise<void>): Promise<number[]> {
  await page.evaluate(START_FRAMES);
  await action();
  return page.evaluate(STOP_FRAMES) as Promise<number[]>;
}

/** A mouse drag in `steps` moves, one per animation frame, from `a` to `b`. */
async function drag(page: Page, a: { x: number; y: number }, b: { x: number; y: number }, steps = 60) {
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(a.x + ((b.x - a.x) * i) / steps, a.y + ((b.y - a.y) * i) / steps);
    await page.evaluate("new Promise((r) => requestAnimationFrame(() => r(null)))");
  }
  await page.mouse.up();
}

export type DesignerFigures = {
  tasks: number;
  edges: number;
  validate: Summary;
  interactive: Summary;
  coldInteractive: number;
  pan: Summary;
  dragNode: Summary;
};

/**
 * Opens the big task graph in the designer (`?stage=`) `loads` times after a cold load, timing
 * navigation start → every node on the canvas; then records frame times while panning the canvas and
 * while dragging one node.
 */
export async function measureDesigner(browser: Browser, baseUrl: string, board: BoardData, data: DesignerData, loads = 3): Promise<DesignerFigures> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(board.user.email);
    await page.getByLabel("Password", { exact: true }).fill(board.user.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((u) => u.pathname !== "/login", { timeout: 30_000 });
    await page.addInitScript(READY_PROBE(data.tasks));
    const url = `/workflows/${data.workflowId}/designer?stage=${data.stageId}`;
    const load = async () => {
      await page.goto(url, { waitUntil: "commit" });
      const handle = await page.waitForFunction("window.__canvasReadyAt", null, { timeout: 60_000, polling: 20 });
      return (await handle.jsonValue()) as number;
    };
    const cold = await load();
    const times: number[] = [];
    for (let i = 0; i < loads; i++) times.push(await load());

    const pane = (await page.getByTestId("designer-canvas").boundingBox())!;
    const centre = { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 };
    // Pan from an empty spot: the top-left corner of the pane, left of the first layer.
    const panFrames = await framesDuring(page, () => drag(page, { x: pane.x + 8, y: pane.y + 8 }, { x: pane.x + 308, y: pane.y + 208 }));
    const node = page.getByTestId("task-node-t0");
    const box = (await node.boundingBox())!;
    const from = { x: box.x + box.width / 2, y: box.y + Math.min(12, box.height / 2) };
    const dragFrames = await framesDuring(page, () => drag(page, from, { x: centre.x, y: centre.y }));
    const moved = (await node.boundingBox())!;
    if (Math.abs(moved.x - box.x) + Math.abs(moved.y - box.y) < 50) throw new Error("Dragging task t0 did not move it: the drag figures would measure nothing.");
    return { tasks: data.tasks, edges: data.edges, validate: data.validate, interactive: summarize(times), coldInteractive: cold, pan: summarize(panFrames), dragNode: summarize(dragFrames) };
  } finally {
    await context.close();
  }
}
