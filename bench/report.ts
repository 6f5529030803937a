import os from "node:os";
import type { MoveFigures, ServerFigures } from "./board";
import type { BrowserFigures } from "./browser";
import type { DesignerFigures } from "./designer";
import { ms, p50p95 } from "./stats";

export const CARD_AIM = 400;

export type DriverResult = {
  driver: string;
  items: number;
  stages: number;
  loadMs: number;
  server: ServerFigures;
  browser: BrowserFigures;
  moves: MoveFigures;
  designer: DesignerFigures;
};

export const DESIGNER_AIM = { interactive: 1500, frame: 20 };

const kb = (v: number) => `${Math.round(v).toLocaleString("en")} KB`;
const row = (label: string, value: string) => `  ${label.padEnd(30)} ${value}`;

/** The machine and the date, so figures from different runs can be told apart. */
export function machineLine(): string {
  const cpus = os.cpus();
  const mem = Math.round(os.totalmem() / 2 ** 30);
  return `${new Date().toISOString()} · ${cpus.length} cpus (${cpus[0]?.model.trim() ?? "unknown"}) · ${mem} GB · node ${process.version} · ${os.platform()} ${os.release()}`;
}

/** One driver's table. */
export function driverTable(r: DriverResult): string {
  const s = r.server;
  const b = r.browser;
  const cards = Math.max(b.cards.max, 0);
  return [
    `board ${r.items.toLocaleString("en")} items / ${r.stages} stages [${r.driver}]  (data loaded in ${ms(r.loadMs)})`,
    row("server getBoard (in process)", `${p50p95(s.getBoard)}  (n=${s.getBoard.n})`),
    row("server toBoardJson", `${p50p95(s.toJson)}  · payload ${kb(s.payloadKB)} for ${s.items} cards`),
    row("page TTFB", `${p50p95(b.ttfb)}  (n=${b.loads})`),
    row("page server render (document)", `${p50p95(b.document)}  · HTML ${kb(b.documentKB)}`),
    row("time to interactive", `${p50p95(b.interactive)}  (first load: ${ms(b.coldInteractive)})`),
    row("cards in DOM", `${cards} (aim < ${CARD_AIM}) ${cards < CARD_AIM ? "ok" : "OVER"}`),
    row("move round trip (REST)", `${p50p95(r.moves.roundTrip)}  (n=${r.moves.moves}, max ${ms(r.moves.roundTrip.max)})`),
    row("move by drag (server action)", `${p50p95(b.drag)}  (n=${b.drag.n}) · response ${kb(b.dragKB)}`),
    designerTable(r.designer),
  ].join("\n");
}

const verdict = (value: number, aim: number) => (value < aim ? "ok" : "OVER");

/** The designer's rows: a big task graph's time to interactive and frame times. */
function designerTable(d: DesignerFigures): string {
  return [
    `  designer: task graph of ${d.tasks} tasks / ${d.edges} edges`,
    row("  live validation (in process)", `${p50p95(d.validate)}  (n=${d.validate.n})`),
    row("  canvas interactive", `${p50p95(d.interactive)}  (first load: ${ms(d.coldInteractive)}; aim < ${ms(DESIGNER_AIM.interactive)}) ${verdict(d.interactive.p50, DESIGNER_AIM.interactive)}`),
    row("  frame while panning", `${p50p95(d.pan)}  (n=${d.pan.n}; median aim < ${ms(DESIGNER_AIM.frame)}) ${verdict(d.pan.p50, DESIGNER_AIM.frame)}`),
    row("  frame while dragging a node", `${p50p95(d.dragNode)}  (n=${d.dragNode.n}) ${verdict(d.dragNode.p50, DESIGNER_AIM.frame)}`),
  ].join("\n");
}

/** One line per driver, for commit messages and issues. */
export function summaryLine(r: DriverResult): string {
  return (
    `board ${r.items} items / ${r.stages} stages [${r.driver}]: server getBoard ${p50p95(r.server.getBoard)}` +
    ` · page TTFB p50 ${ms(r.browser.ttfb.p50)} · document p50 ${ms(r.browser.document.p50)}` +
    ` · time to interactive ${p50p95(r.browser.interactive)} · cards in DOM ${Math.max(r.browser.cards.max, 0)} (aim < ${CARD_AIM})` +
    ` · move round trip ${p50p95(r.moves.roundTrip)} · drag move ${p50p95(r.browser.drag)} (${kb(r.browser.dragKB)} answer)` +
    ` · designer ${r.designer.tasks} tasks: interactive ${p50p95(r.designer.interactive)}, frame p50 pan ${ms(r.designer.pan.p50)} / drag ${ms(r.designer.dragNode.p50)}`
  );
}
