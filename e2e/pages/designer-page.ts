import { type Locator, type Page, expect } from "@playwright/test";

/** The designer at /workflows/{id}/designer: palette, canvas, inspector, problems, toolbar. */
export class DesignerPage {
  readonly root: Locator;
  readonly canvas: Locator;
  readonly inspector: Locator;
  readonly problems: Locator;
  readonly saveButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("designer");
    this.canvas = page.getByTestId("designer-canvas");
    this.inspector = page.getByTestId("inspector");
    this.problems = page.getByTestId("problems");
    this.saveButton = page.getByTestId("save-button");
  }

  async goto(workflowId: string) {
    await this.page.goto(`/workflows/${workflowId}/designer`);
    await this.ready();
  }

  /** Waits for the canvas to render its nodes (React Flow measures them after hydration). */
  async ready() {
    await expect(this.canvas.locator(".react-flow__node").first()).toBeVisible();
  }

  paletteItem(kind: string): Locator {
    return this.page.getByTestId(`palette-item-${kind}`);
  }

  stage(index: number): Locator {
    return this.page.getByTestId(`stage-node-${index}`);
  }

  stageNames(): Promise<(string | null)[]> {
    return this.canvas.locator("[data-stage-name]").evaluateAll((els) =>
      els
        .map((e) => ({ name: e.getAttribute("data-stage-name"), x: e.getBoundingClientRect().x }))
        .sort((a, b) => a.x - b.x)
        .map((e) => e.name),
    );
  }

  task(id: string): Locator {
    return this.page.getByTestId(`task-node-${id}`);
  }

  /** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
  async dropFromPalette(kind: string, at: { x: number; y: number }) {
    await this.paletteItem(kind).dragTo(this.canvas, { targetPosition: at });
  }

  /** Draws a dependency from one task's output handle to another's input handle. */
  async connect(fromId: string, toId: string) {
    const from = this.task(fromId).locator(".react-flow__handle.source");
    const to = this.task(toId).locator(".react-flow__handle.target");
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await this.page.mouse.up();
  }

  async openTasks(index: number) {
    await this.stage(index).getByTestId("open-tasks").click();
    await expect(this.page.getByTestId("back-to-stages")).toBeVisible();
  }

  async save() {
    await this.saveButton.click();
    await expect(this.root).toHaveAttribute("data-dirty", "false");
  }
}
