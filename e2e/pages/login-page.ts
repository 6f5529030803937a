import { type Locator, type Page, type Response, expect } from "@playwright/test";

/** The sign-in form at /login. */
export class LoginPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submitButton: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Sign in to Tandem" });
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.submitButton = page.getByRole("button", { name: "Sign in", exact: true });
    this.error = page.getByTestId("login-error");
  }

  async goto(): Promise<void> {
    await this.page.goto("/login");
  }

  /** Signs in and waits to leave the sign-in page. */
  async signIn(email: string, password: string): Promise<void> {
    await this.submit(email, password);
    await this.page.waitForURL((url) => url.pathname !== "/login");
  }

  /**
   * Submits credentials expected to fail, and waits until the form has settled: the action has
   * answered and React has rendered its state and reset the form. Consecutive failures show the
   * same message, so waiting for the text alone could read the previous attempt's.
   */
  async attempt(email: string, password: string): Promise<void> {
    await this.submit(email, password);
    await expect(this.submitButton).toBeEnabled();
  }

  private async submit(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    const answered = this.page.waitForResponse(isServerAction);
    await this.submitButton.click();
    await answered;
  }
}

function isServerAction(res: Response): boolean {
  const req = res.request();
  return req.method() === "POST" && "next-action" in req.headers();
}
