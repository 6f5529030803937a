import { type Locator, type Page, type Response, expect } from "@playwright/test";

/** Settings → API tokens at /settings/tokens: the create form, the one-time token box and the list. */
export class SettingsPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly nameInput: Locator;
  readonly expirySelect: Locator;
  readonly createButton: Locator;
  readonly newTokenNotice: Locator;
  readonly newToken: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "API tokens", level: 1 });
    this.form = page.getByTestId("create-token-form");
    this.nameInput = this.form.getByLabel("Name");
    this.expirySelect = this.form.getByLabel("Expires");
    this.createButton = this.form.getByRole("button", { name: "Create token" });
    this.newTokenNotice = page.getByTestId("new-token-notice");
    this.newToken = page.getByTestId("new-token");
    this.rows = page.getByTestId("token-row");
  }

  async goto(): Promise<Response | null> {
    const res = await this.page.goto("/settings/tokens");
    await this.heading.waitFor();
    return res;
  }

  /** Creates a token through the form and returns the secret from the one-time box. */
  async createToken(name: string, expires: "7" | "30" | "90" | "365" | "never" = "30"): Promise<string> {
    await this.nameInput.fill(name);
    await this.expirySelect.selectOption(expires);
    await this.createButton.click();
    await expect(this.newToken).toBeVisible();
    await expect(this.row(name)).toBeVisible();
    return this.newToken.inputValue();
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }

  /** Revokes a token by name, through the confirm step, and waits for the list to say so. */
  async revoke(name: string): Promise<void> {
    const row = this.row(name);
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await row.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(row.getByTestId("token-status")).toHaveText("Revoked");
  }
}
