import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { plainStage } from "./tandem-api";

/** A task as the definition stores it, with every setting at its default. */
const task = (id: string, name: string, x: number, executor: Record<string, unknown>, input: Record<string, unknown> = {}) => ({
  id,
  name,
  executor,
  input,
  retry: { maxAttempts: 1, backoff: "fixed", initialDelayMs: 0 },
  timeoutMs: null,
  inputSchema: null,
  outputSchema: null,
  policyTags: [],
  loop: null,
  position: { x, y: 0 },
});
const releaseGraph = {
  roles: [],
  tasks: [
    task("notes", "Collect release notes", 0, { kind: "transform", output: { title: "{{item.title}}" } }),
    task("summary", "Summarize", 260, { kind: "agent", role: "writer", prompt: "Summarize the release." }, { notes: "{{previous_output}}" }),
    task("approve", "Release manager sign-off", 520, { kind: "approval", approvals: 1, level: "WRITE", instructions: "Check the notes." }),
    task("announce", "Announce", 780, { kind: "transform", output: { announced: "{{tasks.notes.output.title}}" } }),
  ],
  edges: [
    { from: "notes", to: "summary", condition: null },
    { from: "summary", to: "approve", condition: null },
    { from: "approve", to: "announce", condition: null },
  ],
};

/** Creates a Platform Engineering workflow through the REST API as the signed-in user; returns its id. */
async function createReleaseWorkflow(page: Page, name: string): Promise<string> {
  const origin = new URL(page.url()).origin;
  const me = await (await page.request.get("/api/v1/me")).json();
  const teamId = me.teams.find((t: { name: string }) => t.name === "Platform Engineering").id;
  const definition = { stages: [plainStage("Backlog"), { ...plainStage("Release checks", "AUTOMATION"), taskGraph: releaseGraph }, plainStage("Released")] };
  const res = await page.request.post("/api/v1/workflows", { headers: { Origin: origin }, data: { name, teamId, visibility: "team", definition } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

test("an item entering an automation stage runs its tasks live, waits for a teammate's approval, then moves on", async ({ signInAs }) => {
  const [alice, bob] = await Promise.all([signInAs("alice"), signInAs("bob")]);
  const name = `E2E release ${randomBytes(3).toString("hex")}`;
  const workflowId = await createReleaseWorkflow(alice.page, name);
  const origin = new URL(alice.page.url()).origin;
  const created = await alice.page.request.post(`/api/v1/workflows/${workflowId}/items`, { headers: { Origin: origin }, data: { title: "Release 2.3" } });
  expect(created.status()).toBe(201);
  const itemId = (await created.json()).id;

  await alice.item.goto(`/items/${itemId}`);
  await alice.item.moveTo("Release checks");
  const runLink = alice.item.runs.getByRole("link").first();
  await expect(runLink).toBeVisible();
  await runLink.click();
  await expect(alice.run.graph).toBeVisible();
  await expect(alice.run.task("notes")).toHaveAttribute("data-status", "completed");
  await expect(alice.run.task("summary")).toHaveAttribute("data-status", "completed");
  await expect(alice.run.task("approve")).toHaveAttribute("data-status", "waiting");
  await expect(alice.run.status).toHaveAttribute("data-status", "waiting_approval");

  // Alice started the run, so her approval alone cannot open the gate: Bob approves from the run page.
  await bob.run.goto(new URL(alice.page.url()).pathname);
  await expect(bob.run.panel).toHaveAttribute("data-task", "approve");
  await bob.run.comment.fill("Notes look right.");
  await bob.run.approve.click();

  // Alice's page follows the run live: the gate and the last task go green, the run completes.
  await expect(alice.run.task("approve")).toHaveAttribute("data-status", "completed");
  await expect(alice.run.task("announce")).toHaveAttribute("data-status", "completed");
  await expect(alice.run.status).toHaveAttribute("data-status", "completed");

  // The completed automation run moves the item on, as the system.
  await expect
    .poll(
      async () => {
        await alice.item.goto(`/items/${itemId}`);
        return alice.item.selected(alice.item.stageSelect);
      },
      { timeout: 15_000 },
    )
    .toBe("Released");
});
