import type { Locator, Page } from "@playwright/test";

/** The template gallery at /templates and the "Use template" form. */
export class TemplatesPage {
  readonly cards: Locator;
  readonly form: Locator;

  constructor(readonly page: Page) {
    this.cards = page.getByTestId("template-card");
    this.form = page.getByTestId("target-form");
  }

  async goto(visibility?: "personal" | "team" | "global") {
    await this.page.goto(visibility ? `/templates?visibility=${visibility}` : "/templates");
  }

  card(name: string): Locator {
    return this.page.locator(`[data-testid="template-card"][data-name="${name}"]`);
  }

  /** Fills and submits the target form (new workflow, use template, save as template). */
  async submitTarget(o: { name: string; visibility: "personal" | "team" | "global"; team?: string }) {
    await this.form.getByLabel("Name").fill(o.name);
    await this.form.getByLabel("Who can see it").selectOption(o.visibility);
    if (o.team) await this.form.getByLabel("Team").selectOption({ label: o.team });
    await this.form.getByTestId("target-submit").click();
  }
}
