import { type Locator, type Page, type Response, expect } from "@playwright/test";

export type ItemFormValues = { title?: string; description?: string; data?: string; stage?: string; assignee?: string; priority?: string };

/** An item's page at /items/[id] (details, edit form, sidebar, history, comments) and the new-item form. */
export class ItemPage {
  readonly title: Locator;
  readonly description: Locator;
  readonly data: Locator;
  readonly editButton: Locator;
  readonly editForm: Locator;
  readonly newItemForm: Locator;
  readonly formError: Locator;
  readonly stageSelect: Locator;
  readonly moveError: Locator;
  readonly sidebar: Locator;
  readonly history: Locator;
  readonly historyEntries: Locator;
  readonly comments: Locator;
  readonly commentBox: Locator;
  readonly commentButton: Locator;
  readonly runs: Locator;
  readonly recommendations: Locator;
  readonly archivedBanner: Locator;
  readonly notFound: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId("item-title");
    this.description = page.getByTestId("item-description");
    this.data = page.getByTestId("item-data");
    this.editButton = page.getByRole("button", { name: "Edit", exact: true });
    this.editForm = page.getByTestId("item-edit-form");
    this.newItemForm = page.getByTestId("new-item-form");
    this.formError = page.locator("form").getByRole("alert");
    this.stageSelect = page.getByTestId("stage-select");
    this.moveError = page.getByTestId("move-error");
    this.sidebar = page.getByTestId("item-sidebar");
    this.history = page.getByTestId("item-history");
    this.historyEntries = this.history.getByTestId("history-entry");
    this.comments = page.getByTestId("comment");
    this.commentBox = page.getByRole("textbox", { name: "Comment" });
    this.commentButton = page.getByRole("button", { name: "Comment", exact: true });
    this.runs = page.getByTestId("item-runs");
    this.recommendations = page.getByTestId("item-recommendations");
    this.archivedBanner = page.getByTestId("archived-banner");
    this.notFound = page.getByTestId("not-found");
  }

  async goto(path: string): Promise<Response | null> {
    return this.page.goto(path);
  }

  /** The sidebar value of a property, e.g. "Priority". */
  property(name: "Stage" | "Assignee" | "Priority" | "Completed" | "Archived"): Locator {
    return this.sidebar.getByTestId(`item-${name.toLowerCase()}`);
  }

  /** A field of whichever item form is open, by its label. */
  field(label: "Title" | "Description" | "Data" | "Stage" | "Assignee" | "Priority"): Locator {
    return this.page.locator("form").getByLabel(label, { exact: true });
  }

  /** Fills the open item form; selects take option labels. */
  async fill(values: ItemFormValues): Promise<void> {
    if (values.title !== undefined) await this.field("Title").fill(values.title);
    if (values.description !== undefined) await this.field("Description").fill(values.description);
    if (values.data !== undefined) await this.field("Data").fill(values.data);
    if (values.stage !== undefined) await selectStage(this.field("Stage"), values.stage);
    if (values.assignee !== undefined) await this.field("Assignee").selectOption({ label: values.assignee });
    if (values.priority !== undefined) await this.field("Priority").selectOption({ label: values.priority });
  }

  /** Submits the open form and waits for the server action's answer. */
  async submit(button: "Create item" | "Save changes"): Promise<void> {
    const answered = this.page.waitForResponse((r) => r.request().method() === "POST" && "next-action" in r.request().headers());
    await this.page.getByRole("button", { name: button, exact: true }).click();
    await answered;
  }

  /** Moves the item with the sidebar's stage picker. */
  async moveTo(stage: string): Promise<void> {
    await selectStage(this.stageSelect, stage);
  }

  /** The label of a select's chosen option, e.g. "Doing (WIP limit 2)". */
  async selected(select: Locator): Promise<string> {
    return select.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text ?? "");
  }

  async addComment(body: string): Promise<void> {
    await this.commentBox.fill(body);
    await this.commentButton.click();
    await expect(this.comments.last()).toContainText(body);
  }
}

/** Picks a stage by name in a select whose options may add the WIP limit, like "Doing (WIP limit 2)". */
async function selectStage(select: Locator, stage: string): Promise<void> {
  const texts = await select.locator("option").allInnerTexts();
  const label = texts.find((t) => t === stage || t.startsWith(`${stage} (`));
  if (!label) throw new Error(`no stage "${stage}" among ${texts.join(", ")}`);
  await select.selectOption({ label });
}
