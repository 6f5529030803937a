import type { Locator, Page } from "@playwright/test";

/** The run page (`/runs/[id]`): the run's status, its task graph with live states, the task panel and controls. */
export class RunPage {
  readonly status: Locator;
  readonly graph: Locator;
  readonly panel: Locator;
  readonly approve: Locator;
  readonly reject: Locator;
  readonly comment: Locator;
  readonly events: Locator;
  readonly pause: Locator;
  readonly resume: Locator;
  readonly cancel: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId("run-status");
    this.graph = page.getByTestId("run-graph");
    this.panel = page.getByTestId("task-panel");
    this.approve = page.getByTestId("approval-approve");
    this.reject = page.getByTestId("approval-reject");
    this.comment = page.getByTestId("approval-comment");
    this.events = page.getByTestId("run-events");
    this.pause = page.getByTestId("run-pause");
    this.resume = page.getByTestId("run-resume");
    this.cancel = page.getByTestId("run-cancel");
  }

  /** A task's node on the graph; its `data-status` is the live state. */
  task(key: string): Locator {
    return this.page.getByTestId(`run-task-${key}`);
  }

  async goto(path: string) {
    return this.page.goto(path);
  }
}
