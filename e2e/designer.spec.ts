import { expect, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let workflowUrl = "";

test("design a workflow: drop a stage, edit it, build its task graph, save, and find it after a reload", async ({ signInAs }) => {
  const dan = await signInAs("dan");
  await dan.page.goto("/workflows/new");
  await dan.templates.submitTarget({ name: "E2E Dan's release flow", visibility: "personal" });
  await dan.page.waitForURL(/\/designer$/);
  workflowUrl = new URL(dan.page.url()).pathname;
  const d = dan.designer;
  await d.ready();
  expect(await d.stageNames()).toEqual(["To do", "Doing", "Done"]);

  // Drop an automation stage between "To do" and "Doing".
  const first = (await d.stage(0).boundingBox())!;
  const second = (await d.stage(1).boundingBox())!;
  const canvas = (await d.canvas.boundingBox())!;
  await d.dropFromPalette("AUTOMATION", { x: (first.x + first.width + second.x) / 2 - canvas.x, y: first.y + 20 - canvas.y });
  await expect(d.root).toHaveAttribute("data-dirty", "true");
  expect(await d.stageNames()).toHaveLength(4);
  await d.stage(1).click();
  await d.inspector.getByLabel("Name", { exact: true }).fill("Build");
  await d.inspector.getByLabel("WIP limit").fill("3");
  expect(await d.stageNames()).toEqual(["To do", "Build", "Doing", "Done"]);

  // Its task graph: an HTTP call, then an agent, connected.
  await d.openTasks(1);
  await d.paletteItem("http").press("Enter");
  await d.inspector.getByLabel("Task id").fill("compile");
  await d.inspector.getByLabel("URL").fill("https://ci.example.com/build");
  const http = (await d.task("compile").boundingBox())!;
  await d.dropFromPalette("agent", { x: http.x - canvas.x + 420, y: http.y - canvas.y + 40 });
  await d.inspector.getByLabel("Task id").fill("review");
  await d.inspector.getByLabel("Role").fill("reviewer");
  await d.connect("compile", "review");
  await expect(d.problems.getByTestId("problem")).toHaveCount(0);
  await d.save();
  await expect(d.root).toHaveAttribute("data-version", "2");

  await dan.page.reload();
  await d.ready();
  expect(await d.stageNames()).toEqual(["To do", "Build", "Doing", "Done"]);
  await d.openTasks(1);
  await expect(d.task("compile")).toBeVisible();
  await expect(d.task("review")).toBeVisible();
  await expect(dan.page.locator(".react-flow__edge")).toHaveCount(1);

  // The board follows the saved version.
  await dan.page.goto(workflowUrl.replace(/\/designer$/, ""));
  await expect(dan.board.columns).toHaveCount(4);
  await expect(dan.board.column("Build")).toBeVisible();
});

test("a cycle is shown on its tasks and blocks the save", async ({ signInAs }) => {
  const dan = await signInAs("dan");
  const d = dan.designer;
  await dan.page.goto(workflowUrl);
  await d.ready();
  await d.openTasks(1);
  await d.connect("review", "compile");
  await expect(d.problems.getByTestId("problem").first()).toContainText("cycle");
  await expect(d.task("compile")).toHaveAttribute("data-invalid", "true");
  await expect(d.saveButton).toBeDisabled();
  await dan.page.keyboard.press("Control+z");
  await expect(d.problems.getByTestId("problem")).toHaveCount(0);
  await expect(d.saveButton).toBeDisabled(); // back to the saved state: nothing to save
});
