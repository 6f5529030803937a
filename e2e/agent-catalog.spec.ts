import { expect, test } from "./fixtures";
import { AgentCatalogPage } from "./pages/agent-catalog-page";
import { GuardrailsPage } from "./pages/guardrails-page";
import { WorkflowAgentsPage } from "./pages/workflow-agents-page";

/** Seeded: its task graph has a Reviewer role that needs `code.review`, bound to the seeded builtin "Code reviewer". */
const WORKFLOW = "Platform code review";
const SEEDED_AGENT = "Code reviewer";

test("alice defines an llm agent, edits it to version 2, binds it to the review workflow's Reviewer role, and unbinds it", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const catalog = new AgentCatalogPage(alice.page);
  const stamp = Date.now();
  const critic = `Diff critic ${stamp}`;
  const writer = `Docs writer ${stamp}`;

  // From the main navigation; the agent console keeps its own link.
  await alice.page.goto("/workflows");
  const nav = alice.page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Agent console" })).toHaveAttribute("href", "/agent");
  await nav.getByRole("link", { name: "Agent catalog" }).click();
  await alice.page.waitForURL("**/agents/catalog");
  await expect(catalog.row(SEEDED_AGENT).getByTestId("agent-kind")).toHaveAttribute("data-kind", "builtin");

  await catalog.create({
    name: critic,
    kind: "llm",
    capabilities: "code.review",
    description: "Points out risky changes in a diff.",
    instructions: "You review diffs. List risks first.",
    model: "gpt-4o-mini",
  });
  await expect(catalog.currentVersion).toHaveText("v1");
  await catalog.goto();
  const row = catalog.row(critic);
  await expect(row.getByTestId("agent-version")).toHaveText("v1");
  await expect(row.getByTestId("agent-kind")).toHaveAttribute("data-kind", "llm");
  await expect(row.getByTestId("capability")).toHaveText(["code.review"]);
  await expect(row.getByTestId("owner-badge")).toContainText("Platform Engineering");

  // An edit is a new version; the form keeps what was saved.
  await row.getByRole("link", { name: critic }).click();
  await expect(catalog.field("Model (optional)")).toHaveValue("gpt-4o-mini");
  await catalog.field("Instructions").fill("You review diffs. List risks first, then missing tests.");
  await catalog.saveVersion(2);
  await expect(catalog.versions).toHaveCount(2);
  await expect(catalog.versions.first()).toContainText("v2");
  await expect(catalog.versions.first()).toContainText("Alice Park");

  // An agent without the capability, to see it refused.
  await catalog.create({ name: writer, kind: "builtin", capabilities: "docs.write" });

  await alice.workflows.goto();
  await alice.workflows.openByName(WORKFLOW);
  await alice.page.getByTestId("agents-link").click();
  await alice.page.waitForURL(/\/workflows\/[^/]+\/agents$/);
  const agents = new WorkflowAgentsPage(alice.page);
  await expect(agents.role("reviewer")).toContainText("Reviewer");
  await expect(agents.role("reviewer").getByTestId("capability")).toHaveText(["code.review"]);
  await expect(agents.bound("reviewer").getByTestId("bound-agent-name")).toHaveText(SEEDED_AGENT);
  await expect(agents.option("reviewer", writer)).toBeDisabled();
  await expect(agents.option("reviewer", writer)).toContainText("lacks code.review");
  await expect(agents.option("reviewer", critic)).toBeEnabled();

  await agents.bind("reviewer", critic);
  await alice.page.reload();
  await expect(agents.bound("reviewer").getByTestId("bound-agent-name")).toHaveText(critic);
  await expect(agents.bound("reviewer")).toContainText("v2");
  await expect(agents.bound("reviewer")).toContainText("bound by Alice Park");

  await agents.unbind("reviewer");
  await expect(agents.bound("reviewer")).toContainText("the builtin planner does this role's tasks");
  await alice.page.reload();
  await expect(agents.bound("reviewer")).toHaveAttribute("data-bound", "false");
  await expect(agents.spend.getByTestId("spend-calls")).toBeVisible();

  // Other journeys use this workflow: leave it bound as the seed made it.
  await agents.bind("reviewer", SEEDED_AGENT);
});

test("a guardrail policy with forbidden patterns: an invalid regex is refused beside its field, nothing typed is lost", async ({ signInAs }) => {
  const alice = await signInAs("alice");
  const g = new GuardrailsPage(alice.page);
  const tag = `no-internal-${Date.now()}`;
  await g.goto();
  await expect(g.builtin("secrets")).toContainText("works without a policy");
  await expect(g.builtin("needs-approval")).toBeVisible();
  await expect(g.row("safe-patch")).toContainText("Blocks patches that touch a path outside src/**, test/**.");
  await expect(g.row("safe-patch")).toContainText("Flags patches that change more than 400 lines or 50 files.");

  await g.newPolicyButton.click();
  await g.field("Tag").fill(tag);
  await g.field("Description").fill("Agents never mention internal hosts.");
  const check = g.check(0);
  await check.getByLabel("Check 1", { exact: true }).selectOption("regex_deny");
  await check.getByLabel("Forbidden patterns").fill("internal\\.corp\n(unclosed");
  await check.getByLabel("When it finds something").selectOption("flag");
  await g.submit();

  await expect(check.getByTestId("field-error")).toHaveText("“(unclosed” is not a valid regular expression.");
  await expect(g.field("Tag")).toHaveValue(tag);
  await expect(g.field("Description")).toHaveValue("Agents never mention internal hosts.");
  await expect(check.getByLabel("Forbidden patterns")).toHaveValue("internal\\.corp\n(unclosed");
  await expect(check.getByLabel("When it finds something")).toHaveValue("flag");
  await expect(g.row(tag)).toHaveCount(0);

  await check.getByLabel("Forbidden patterns").fill("internal\\.corp\n\\(unclosed");
  await g.submit();
  await expect(g.saved).toHaveText(`Created “${tag}”.`);
  await expect(g.row(tag).getByTestId("policy-checks")).toHaveText(
    "Flags the input or the output when it matches any of the patterns /internal\\.corp/, /\\(unclosed/.",
  );

  await g.row(tag).getByRole("button", { name: `Delete ${tag}` }).click();
  await g.row(tag).getByRole("button", { name: "Yes, delete" }).click();
  await expect(g.row(tag)).toHaveCount(0);
});
