import { type Download, type Locator, type Page, type Response, expect } from "@playwright/test";

export type Widget = "totals" | "stages" | "throughput" | "flow" | "cycle-time" | "runs" | "agents";

/** A workflow's analytics at /workflows/[id]/analytics, and the overview at /analytics. */
export class AnalyticsPage {
  readonly rangeBar: Locator;
  readonly rangeError: Locator;
  readonly bottleneck: Locator;
  /** The overview's table of workflows. */
  readonly workflowRows: Locator;

  constructor(readonly page: Page) {
    this.rangeBar = page.getByTestId("range-bar");
    this.rangeError = page.getByTestId("range-error");
    this.bottleneck = page.getByTestId("bottleneck-stage");
    this.workflowRows = page.getByTestId("analytics-workflow-row");
  }

  async goto(workflowId: string, search = ""): Promise<Response | null> {
    return this.page.goto(`/workflows/${workflowId}/analytics${search}`);
  }

  async gotoOverview(search = ""): Promise<Response | null> {
    return this.page.goto(`/analytics${search}`);
  }

  widget(name: Widget): Locator {
    return this.page.getByTestId(`analytics-${name}`);
  }

  /** A headline figure by its test id (`totals-items`, `cycle-time-median`, …), once streamed in. */
  figure(testId: string): Locator {
    return this.widget("totals").getByTestId(testId);
  }

  /** The chart of a widget: the image with its summary, and the SVG recharts drew in it. */
  chart(name: Widget): { image: Locator; svg: Locator } {
    const image = this.widget(name).getByRole("img").first();
    return { image, svg: image.locator("svg.recharts-surface").first() };
  }

  /** Switches a widget to its table view and returns the table. */
  async showTable(name: Widget): Promise<Locator> {
    await this.widget(name).getByTestId("view-table").click();
    await expect(this.widget(name).getByTestId("view-table")).toHaveAttribute("aria-pressed", "true");
    return this.widget(name).getByRole("table").first();
  }

  /** The numbers of one column of a table, by its header text, top to bottom. */
  async column(table: Locator, header: string): Promise<string[]> {
    const headers = (await table.locator("thead th").allInnerTexts()).map((h) => h.trim().toLowerCase());
    const index = headers.indexOf(header.toLowerCase());
    if (index < 0) throw new Error(`no column "${header}" in ${headers.join(", ")}`);
    return table.locator("tbody tr").evaluateAll((rows, i) => rows.map((r) => r.children[i]?.textContent?.trim() ?? ""), index);
  }

  /** A row of a widget's table whose header cell starts with `name`. */
  row(name: Widget, header: string): Locator {
    return this.widget(name)
      .locator("tbody tr")
      .filter({ has: this.page.getByRole("rowheader").filter({ hasText: header }) });
  }

  /** Clicks a widget's CSV export and returns the download. */
  async exportCsv(name: Widget): Promise<Download> {
    const download = this.page.waitForEvent("download");
    await this.widget(name).getByTestId("export-csv").first().click();
    return download;
  }

  /** The overview's row for a workflow. */
  workflowRow(name: string): Locator {
    return this.workflowRows.filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }
}
