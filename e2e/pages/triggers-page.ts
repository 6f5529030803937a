import { type Locator, type Page, type Response, expect } from "@playwright/test";

/** A workflow's triggers at /workflows/[id]/triggers: the add-trigger form and the list. */
export class TriggersPage {
  readonly form: Locator;
  readonly rows: Locator;
  readonly added: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId("add-trigger-form");
    this.rows = page.getByTestId("trigger-row");
    this.added = page.getByRole("status").filter({ hasText: /^Added “/ });
  }

  async goto(workflowId: string): Promise<Response | null> {
    return this.page.goto(`/workflows/${workflowId}/triggers`);
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="trigger-row"][data-trigger-name="${name}"]`);
  }

  /** Adds an event trigger with the form; `when` and `source` are the options' labels. */
  async addEventTrigger(o: { name: string; when: string; source: string; title?: string }): Promise<void> {
    await this.form.getByTestId("trigger-kind-event").click();
    await this.form.getByLabel("Name").fill(o.name);
    await this.form.getByLabel("When").selectOption({ label: o.when });
    await this.form.getByLabel("In workflow").selectOption({ label: o.source });
    if (o.title !== undefined) await this.form.getByLabel("Item title (optional)").fill(o.title);
    await this.form.getByRole("button", { name: "Add trigger" }).click();
    await expect(this.added).toHaveText(`Added “${o.name}”.`);
  }
}
