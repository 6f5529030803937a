import type { Locator, Page, Response } from "@playwright/test";

/** A workflow's board at /workflows/[id], or the 404 page shown in its place. */
export class BoardPage {
  readonly name: Locator;
  readonly board: Locator;
  readonly columns: Locator;
  readonly cards: Locator;
  readonly notFound: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByTestId("workflow-name");
    this.board = page.getByTestId("board");
    this.columns = this.board.getByTestId("board-column");
    this.cards = this.board.getByTestId("item-card");
    this.notFound = page.getByTestId("not-found");
  }

  async goto(path: string): Promise<Response | null> {
    return this.page.goto(path);
  }

  column(stage: string): Locator {
    return this.board.getByRole("region", { name: stage, exact: true });
  }
}
