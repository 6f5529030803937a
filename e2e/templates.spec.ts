import { expect, test } from "./fixtures";

test("a global template instantiated as a team workflow is seen by a teammate and not by another team", async ({ signInAs }) => {
  const [bob, alice, carol] = await Promise.all([signInAs("bob"), signInAs("alice"), signInAs("carol")]);
  await bob.templates.goto("global");
  const template = bob.templates.card("Incident response");
  await expect(template.getByTestId("stage-pipeline")).toContainText("Root cause analysis");
  await template.getByTestId("use-template").click();
  await bob.templates.submitTarget({ name: "E2E Platform incidents", visibility: "team", team: "Platform Engineering" });
  await bob.page.waitForURL(/\/workflows\/[0-9a-f-]{36}$/);
  const href = new URL(bob.page.url()).pathname;
  await expect(bob.board.name).toHaveText("E2E Platform incidents");
  await expect(bob.board.columns).toHaveCount(6);
  await expect(bob.board.column("Root cause analysis")).toBeVisible();

  await alice.workflows.goto("team");
  expect(await alice.workflows.names()).toContain("E2E Platform incidents");
  await alice.workflows.openByName("E2E Platform incidents");
  await expect(alice.board.column("Postmortem")).toBeVisible();

  await carol.workflows.goto();
  expect(await carol.workflows.names()).not.toContain("E2E Platform incidents");
  const response = await carol.board.goto(href);
  expect(response?.status()).toBe(404);
  await expect(carol.page.getByText("E2E Platform incidents")).toHaveCount(0);
});

test("the gallery filters templates by visibility", async ({ signInAs }) => {
  const dan = await signInAs("dan");
  await dan.templates.goto();
  await expect(dan.templates.cards).toHaveCount(3);
  await dan.templates.goto("personal");
  await expect(dan.templates.cards).toHaveCount(0);
  await expect(dan.page.getByText("No templates here yet.")).toBeVisible();
});
