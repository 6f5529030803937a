import type { Locator, Page } from "@playwright/test";

/** The header of every signed-in page. */
export class AppHeader {
  readonly currentUser: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.currentUser = page.getByTestId("current-user");
    this.signOutButton = page.getByRole("button", { name: "Sign out" });
  }

  async signOut(): Promise<void> {
    await this.signOutButton.click();
    await this.page.waitForURL(/\/login(\?|$)/);
  }
}
