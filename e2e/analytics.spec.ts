import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";

/** Seeded, team-visible, and only read by the other specs: its figures stay as the seed made them. */
const SEEDED = "Growth content calendar";

type ApiItem = { id: string; title: string; stageId: string };
type Stage = { id: string; name: string };

const sum = (cells: string[]) => cells.reduce((s, c) => s + Number(c.replace(/,/g, "")), 0);

test("a seeded workflow's analytics: headline figures match its items, charts draw, the table and the CSV say the same", async ({ signInAs }) => {
  const carol = await signInAs("carol");
  await carol.workflows.goto();
  const workflowId = (await carol.workflows.hrefOf(SEEDED)).split("/").pop()!;

  // What the seed implies: every item was created 3 to 28 days ago, so all of them fall in the default
  // 30 days, and so does every completion; completed = the items in the last stage.
  const { items } = await carol.api.json<{ items: ApiItem[] }>(carol.api.get(`/api/v1/workflows/${workflowId}/items?limit=200`), 200);
  const { definition } = await carol.api.definition(workflowId);
  const stages = definition.stages as Stage[];
  const last = stages.at(-1)!;
  const completed = items.filter((i) => i.stageId === last.id).length;
  expect(items.length).toBeGreaterThan(0);

  // From the board, through the workflow's link.
  await carol.workflows.openByName(SEEDED);
  await carol.page.getByTestId("analytics-link").click();
  await carol.page.waitForURL(`**/workflows/${workflowId}/analytics`);
  const a = carol.analytics;
  await expect(a.figure("totals-items")).toHaveText(String(items.length));
  await expect(a.figure("totals-completed")).toHaveText(String(completed));
  await expect(a.figure("totals-in-progress")).toHaveText(String(items.length - completed));
  await expect(a.figure("totals-created")).toHaveText(String(items.length));
  await expect(a.figure("totals-completed-in-range")).toHaveText(String(completed));

  // Per stage, "Now" is the board's count; one stage before the last is marked as the bottleneck.
  for (const stage of stages) {
    const now = items.filter((i) => i.stageId === stage.id).length;
    await expect(a.row("stages", stage.name).locator("td").last()).toHaveText(String(now));
  }
  await expect(a.bottleneck).toHaveCount(1);
  await expect(a.bottleneck.getByRole("rowheader")).not.toContainText(last.name);
  await expect(a.widget("stages").getByTestId("bottleneck-summary")).toContainText("most item-time waiting in range");

  // Every chart widget draws an SVG inside an image with a summary.
  for (const w of ["stages", "throughput", "flow", "cycle-time"] as const) {
    await expect(a.chart(w).svg).toBeVisible();
    await expect(a.chart(w).image).toHaveAttribute("aria-label", /chart/);
  }

  // The table view of throughput adds up to the headline figures.
  const table = await a.showTable("throughput");
  await expect(table.locator("caption")).toContainText("Items completed and created per day");
  await expect(table.locator("thead th").first()).toHaveAttribute("scope", "col");
  expect(sum(await a.column(table, "Completed"))).toBe(completed);
  expect(sum(await a.column(table, "Created"))).toBe(items.length);
  const buckets = await table.locator("tbody tr").count();
  expect(buckets).toBe(30);

  // The cycle-time table lists each completion.
  const cycles = await a.showTable("cycle-time");
  await expect(cycles.locator("tbody tr")).toHaveCount(completed);

  // CSV: a header row, then one line per bucket.
  const download = await a.exportCsv("throughput");
  expect(download.suggestedFilename()).toMatch(/^growth-content-calendar-.*-throughput\.csv$/);
  const csv = (await readFile(await download.path())).toString("utf8").replace(/^\uFEFF/, "");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("Day,Completed,Created");
  expect(lines).toHaveLength(buckets + 1);
  expect(lines.slice(1).reduce((s, l) => s + Number(l.split(",")[1]), 0)).toBe(completed);
});

test("moving an item to the last stage shows up in the figures, the throughput and the cycle times", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const name = `E2E analytics ${Date.now()}`;
  const workflowId = await alice.api.createWorkflow(name, ["To do", "Doing", "Done"]);
  const first = await alice.api.createItem(workflowId, "Write the runbook");
  await alice.api.createItem(workflowId, "Rotate the keys");

  const a = alice.analytics;
  await a.goto(workflowId);
  await expect(a.figure("totals-items")).toHaveText("2");
  await expect(a.figure("totals-completed")).toHaveText("0");
  await expect(a.figure("totals-in-progress")).toHaveText("2");
  await expect(a.figure("cycle-time-median")).toHaveText("—");
  await expect(a.widget("cycle-time").getByTestId("widget-empty")).toContainText("No items were completed in this range");
  await expect(a.widget("runs").getByTestId("widget-empty")).toBeVisible();
  await expect(a.widget("agents").getByTestId("widget-empty")).toBeVisible();

  await alice.api.moveItem(first, workflowId, "Done");
  await alice.page.reload();
  await expect(a.figure("totals-completed")).toHaveText("1");
  await expect(a.figure("totals-in-progress")).toHaveText("1");
  await expect(a.figure("totals-completed-in-range")).toHaveText("1");
  await expect(a.figure("cycle-time-median")).not.toHaveText("—");
  await expect(a.chart("cycle-time").svg).toBeVisible();

  const throughput = await a.showTable("throughput");
  expect(sum(await a.column(throughput, "Completed"))).toBe(1);
  expect((await a.column(throughput, "Completed")).at(-1)).toBe("1");
  const cycles = await a.showTable("cycle-time");
  await expect(cycles.locator("tbody tr")).toHaveCount(1);
  await expect(cycles.locator("tbody tr").first()).toContainText("Write the runbook");

  // The filters narrow it: no item is urgent.
  await a.goto(workflowId, "?priority=urgent");
  await expect(a.figure("totals-items")).toHaveText("0");
  await expect(a.rangeBar.getByLabel("Urgent")).toBeChecked();
});

test("the overview lists the visible workflows and links into each with the same range", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  await alice.page.goto("/workflows");
  await alice.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" }).click();
  await alice.page.waitForURL("**/analytics");
  const a = alice.analytics;
  await expect(a.widget("totals").getByTestId("totals-items")).toBeVisible();
  await expect(a.workflowRow("Platform code review")).toBeVisible();
  await expect(a.workflowRow("Growth content calendar")).toHaveCount(0);

  await a.rangeBar.getByTestId("range-90d").click();
  await alice.page.waitForURL("**/analytics?range=90d");
  await expect(a.rangeBar.getByTestId("range-90d")).toHaveAttribute("aria-current", "page");
  await a.workflowRow("Platform code review").getByRole("link", { name: "Platform code review" }).click();
  await alice.page.waitForURL(/\/workflows\/[^/]+\/analytics\?range=90d$/);
  await expect(a.rangeBar.getByTestId("range-90d")).toHaveAttribute("aria-current", "page");
  await expect(alice.page.getByTestId("analytics-workflow-name")).toHaveText("Platform code review");
  await expect(a.figure("totals-items")).not.toHaveText("0");
});

test("malformed range parameters say what is wrong, and the page still shows the default range", async ({ signInAs }) => {
  const bob = await signInAs("bob");
  await bob.analytics.gotoOverview("?range=custom&from=2026-05-01");
  await expect(bob.analytics.rangeError).toContainText("A custom range needs a start and an end date.");
  await expect(bob.analytics.rangeBar.getByTestId("range-30d")).toHaveAttribute("aria-current", "page");
  await expect(bob.analytics.widget("totals").getByTestId("totals-items")).toBeVisible();
});
