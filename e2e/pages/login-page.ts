import type { Locator, Page, Response } from "@playwright/test";

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
    this.submitButton = page.getByRole("button", { name: "Sign in" });
    this.error = page.getByTestId("login-error");
  }

  async goto(): Promise<void> {
    await this.page.goto("/login");
  }

  /**
   * Fills and submits the form, and waits for the server action's answer: consecutive failures
   * show the same message, so waiting for the text alone could read the previous attempt's.
   */
  async signIn(email: string, password: string): Promise<void> {
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
