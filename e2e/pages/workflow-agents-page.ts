import { type Locator, type Page, type Response, expect } from "@playwright/test";

/** A workflow's agents at /workflows/[id]/agents: one row per task-graph role, with its bound agent and the choice of another. */
export class WorkflowAgentsPage {
  readonly spend: Locator;

  constructor(readonly page: Page) {
    this.spend = page.getByTestId("agent-spend");
  }

  async goto(workflowId: string): Promise<Response | null> {
    return this.page.goto(`/workflows/${workflowId}/agents`);
  }

  role(roleId: string): Locator {
    return this.page.locator(`[data-testid="role-row"][data-role-id="${roleId}"]`);
  }

  /** What the role shows as bound: `data-bound` says whether an agent is. */
  bound(roleId: string): Locator {
    return this.role(roleId).getByTestId("bound-agent");
  }

  /** The candidate agent's option in the role's select (its text carries the reason when disabled). */
  option(roleId: string, agentName: string): Locator {
    return this.role(roleId).getByTestId("agent-select").locator("option", { hasText: agentName });
  }

  async bind(roleId: string, agentName: string): Promise<void> {
    const value = await this.option(roleId, agentName).getAttribute("value");
    await this.role(roleId).getByTestId("agent-select").selectOption(value!);
    await this.role(roleId).getByTestId("bind-role").click();
    await expect(this.bound(roleId).getByTestId("bound-agent-name")).toHaveText(agentName);
  }

  async unbind(roleId: string): Promise<void> {
    await this.role(roleId).getByTestId("unbind-role").click();
    await expect(this.bound(roleId)).toHaveAttribute("data-bound", "false");
  }
}
