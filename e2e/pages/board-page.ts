import { type Locator, type Page, type Response, expect } from "@playwright/test";

/** A workflow's board at /workflows/[id], or the 404 page shown in its place. */
export class BoardPage {
  readonly name: Locator;
  readonly board: Locator;
  readonly columns: Locator;
  readonly cards: Locator;
  readonly notFound: Locator;
  readonly toasts: Locator;
  readonly filterText: Locator;
  /** dnd-kit's screen-reader announcements: what a keyboard drag is doing. */
  readonly announcement: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByTestId("workflow-name");
    this.board = page.getByTestId("board");
    this.columns = this.board.getByTestId("board-column");
    this.cards = this.board.getByTestId("item-card");
    this.notFound = page.getByTestId("not-found");
    this.toasts = page.locator("[data-sonner-toast]");
    this.filterText = page.getByLabel("Filter by title");
    this.announcement = page.locator("[id^=DndLiveRegion]");
  }

  async goto(path: string): Promise<Response | null> {
    return this.page.goto(path);
  }

  column(stage: string): Locator {
    return this.board.getByRole("region", { name: stage, exact: true });
  }

  card(title: string): Locator {
    return this.cards.filter({ has: this.page.getByRole("link", { name: title, exact: true }) });
  }

  /** Waits until the board has hydrated: before that, drags and key presses do nothing. */
  async waitReady() {
    await expect(this.board).toHaveAttribute("data-ready", "true");
  }

  /** Titles of the cards in a column, top to bottom. */
  async titles(stage: string): Promise<string[]> {
    return this.column(stage).getByTestId("item-card").getByRole("link").allInnerTexts();
  }

  /** Drags a card with the mouse onto a column (below its last visible card). */
  async dragTo(title: string, stage: string) {
    await this.waitReady();
    await this.card(title).scrollIntoViewIfNeeded();
    const from = await this.card(title).boundingBox();
    const to = await this.column(stage).boundingBox();
    if (!from || !to) throw new Error(`cannot see card "${title}" or column "${stage}"`);
    const { mouse } = this.page;
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await mouse.down();
    await mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2, { steps: 4 });
    await mouse.move(to.x + to.width / 2, to.y + to.height - 60, { steps: 20 });
    await mouse.up();
  }

  /** Waits until the card is in the column. */
  async expectIn(title: string, stage: string, timeout?: number) {
    await expect(this.column(stage).getByRole("link", { name: title, exact: true })).toBeVisible({ timeout });
  }
}
