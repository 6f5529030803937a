import { type Locator, type Page, type Response, expect } from "@playwright/test";

export type NewAgent = { name: string; kind: "llm" | "http" | "builtin"; capabilities?: string; description?: string; instructions?: string; model?: string; url?: string };

/** The agent catalog at /agents/catalog: the list, the new-agent form, and an agent's page with its edit form. */
export class AgentCatalogPage {
  readonly rows: Locator;
  readonly form: Locator;
  readonly saved: Locator;
  readonly currentVersion: Locator;
  readonly versions: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId("agent-row");
    this.form = page.getByTestId("agent-form");
    this.saved = page.getByTestId("agent-saved");
    this.currentVersion = page.getByTestId("agent-current-version");
    this.versions = page.getByTestId("agent-version-row");
  }

  async goto(search = ""): Promise<Response | null> {
    return this.page.goto(`/agents/catalog${search}`);
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid="agent-row"][data-agent-name="${name}"]`);
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** Defines an agent through the "New agent" form and waits for its page. */
  async create(a: NewAgent): Promise<void> {
    await this.goto();
    await this.page.getByTestId("new-agent-link").click();
    await this.page.waitForURL("**/agents/catalog/new");
    await this.field("Name").fill(a.name);
    if (a.description !== undefined) await this.field("Description").fill(a.description);
    if (a.capabilities !== undefined) await this.field("Capabilities").fill(a.capabilities);
    await this.form.getByTestId(`agent-kind-${a.kind}`).click();
    if (a.instructions !== undefined) await this.field("Instructions").fill(a.instructions);
    if (a.model !== undefined) await this.field("Model (optional)").fill(a.model);
    if (a.url !== undefined) await this.field("Execute URL").fill(a.url);
    await this.form.getByTestId("agent-submit").click();
    await this.page.waitForURL(/\/agents\/catalog\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId("agent-name")).toHaveText(a.name);
  }

  /** Saves the open agent's edit form and waits for the new version. */
  async saveVersion(version: number): Promise<void> {
    await this.form.getByTestId("agent-submit").click();
    await expect(this.saved).toHaveText(`Saved as version ${version}.`);
    await expect(this.currentVersion).toHaveText(`v${version}`);
  }
}
