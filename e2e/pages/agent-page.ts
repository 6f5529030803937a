import { type Locator, type Page, type Response, expect } from "@playwright/test";

/** The agent page at /agent: the signed-in user's sessions on the left, the active one on the right. */
export class AgentPage {
  readonly sessionRows: Locator;
  readonly newSessionButton: Locator;
  readonly newSessionForm: Locator;
  readonly activeTitle: Locator;
  readonly console: Locator;
  /** Shown instead of a session: none chosen, or the one asked for was not found. */
  readonly empty: Locator;

  constructor(readonly page: Page) {
    this.sessionRows = page.getByTestId("session-row");
    this.newSessionButton = page.getByTestId("new-session-button");
    this.newSessionForm = page.getByTestId("new-session-form");
    this.activeTitle = page.getByTestId("active-session-title");
    this.console = page.getByTestId("agent-console");
    this.empty = page.getByTestId("agent-empty");
  }

  async goto(sessionId?: string): Promise<Response | null> {
    return this.page.goto(sessionId ? `/agent?session=${encodeURIComponent(sessionId)}` : "/agent");
  }

  /** Opens a session with the form; returns the new session's id (from the URL it lands on). */
  async openSession(o: { repo: string; title: string }): Promise<string> {
    if (!(await this.newSessionForm.isVisible())) await this.newSessionButton.click();
    await this.newSessionForm.getByLabel("Repository").fill(o.repo);
    await this.newSessionForm.getByLabel("Title (optional)").fill(o.title);
    await this.newSessionForm.getByTestId("create-session").click();
    await this.page.waitForURL(/\/agent\?session=[0-9a-f-]{36}$/);
    await expect(this.activeTitle).toHaveText(o.title);
    return new URL(this.page.url()).searchParams.get("session")!;
  }

  /** The titles of the listed sessions. */
  async sessionTitles(): Promise<string[]> {
    return this.sessionRows.getByRole("link").evaluateAll((links) => links.map((a) => a.querySelector("span")?.textContent?.trim() ?? ""));
  }
}
