import type { Locator, Page, Response } from "@playwright/test";

export type WorkflowFilter = "all" | "mine" | "team" | "global" | "templates";

/** The workflow list at /workflows, with its filter tabs. */
export class WorkflowsPage {
  readonly heading: Locator;
  readonly list: Locator;
  readonly cards: Locator;
  readonly filterTabs: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Workflows", level: 1 });
    this.list = page.getByTestId("workflow-list");
    this.cards = this.list.getByTestId("workflow-card");
    this.filterTabs = page.getByRole("navigation", { name: "Filter workflows" });
  }

  async goto(filter: WorkflowFilter = "all"): Promise<Response | null> {
    return this.page.goto(filter === "all" ? "/workflows" : `/workflows?filter=${filter}`);
  }

  /** The names of the listed workflows, sorted, once the page has rendered. */
  async names(): Promise<string[]> {
    await this.heading.waitFor();
    const names = await this.cards.getByRole("link").allInnerTexts();
    return names.map((n) => n.trim()).sort();
  }

  card(name: string): Locator {
    return this.cards.filter({ has: this.page.getByRole("link", { name, exact: true }) });
  }

  /** The board URL of a listed workflow, for opening it as someone else. */
  async hrefOf(name: string): Promise<string> {
    const href = await this.card(name).getByRole("link", { name, exact: true }).getAttribute("href");
    if (!href) throw new Error(`No link for workflow "${name}"`);
    return href;
  }

  async openByName(name: string): Promise<void> {
    await this.card(name).getByRole("link", { name, exact: true }).click();
    await this.page.waitForURL(/\/workflows\/[^/?]+$/);
  }
}
