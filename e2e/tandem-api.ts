import { type APIResponse, type Page, expect } from "@playwright/test";

/**
 * The REST API as the signed-in user of a page (the page's cookies, an Origin header as a browser
 * sends it), for the set-up steps a journey does not click through: a stage's agent settings without
 * the designer, an item, a trigger, an agent session.
 */

export type AgentStageSettings = { agentTargetPath?: string; agentAutoApply?: boolean; agentPrompt?: string; agentModelHint?: string };

type StageDef = { id: string; name: string; type: string } & Record<string, unknown>;
type Definition = { stages: StageDef[] } & Record<string, unknown>;

/** A stage as a definition stores it, every setting at its default. */
export const plainStage = (name: string, type: "HUMAN" | "AGENT_ASSIST" | "AUTOMATION" = "HUMAN") => ({
  id: crypto.randomUUID(),
  name,
  type,
  wipLimit: null,
  agentPrompt: "",
  agentTargetPath: "",
  agentModelHint: "",
  agentAutoApply: false,
  runTimeoutMs: null,
  taskGraph: null,
});

export class TandemApi {
  constructor(readonly page: Page) {}

  private headers() {
    return { Origin: new URL(this.page.url()).origin };
  }

  get(path: string): Promise<APIResponse> {
    return this.page.request.get(path, { headers: this.headers() });
  }

  post(path: string, data: unknown): Promise<APIResponse> {
    return this.page.request.post(path, { headers: this.headers(), data });
  }

  put(path: string, data: unknown): Promise<APIResponse> {
    return this.page.request.put(path, { headers: this.headers(), data });
  }

  delete(path: string): Promise<APIResponse> {
    return this.page.request.delete(path, { headers: this.headers() });
  }

  /** Reads a JSON answer after checking its status (the body is in the failure message). */
  async json<T = Record<string, unknown>>(response: APIResponse | Promise<APIResponse>, status: number): Promise<T> {
    const res = await response;
    expect(res.status(), `${res.url()}: ${await res.text()}`).toBe(status);
    return (await res.json()) as T;
  }

  /** The id of one of the signed-in user's teams, by name. */
  async teamId(name: string): Promise<string> {
    const me = await this.json<{ teams: { id: string; name: string }[] }>(this.get("/api/v1/me"), 200);
    const team = me.teams.find((t) => t.name === name);
    if (!team) throw new Error(`not a member of "${name}"`);
    return team.id;
  }

  /** Creates a workflow with plain stages; team-visible when a team is named, else personal. Returns its id. */
  async createWorkflow(name: string, stages: string[], team?: string): Promise<string> {
    const definition = { stages: stages.map((s) => plainStage(s)) };
    const target = team ? { visibility: "team", teamId: await this.teamId(team) } : { visibility: "personal" };
    const { id } = await this.json<{ id: string }>(this.post("/api/v1/workflows", { name, ...target, definition }), 201);
    return id;
  }

  async definition(workflowId: string): Promise<{ version: number; definition: Definition }> {
    return this.json(this.get(`/api/v1/workflows/${workflowId}/definition`), 200);
  }

  /** Changes one agent-assist stage's settings by saving the next version of the definition. */
  async setAgentStage(workflowId: string, stageName: string, settings: AgentStageSettings): Promise<void> {
    const { version, definition } = await this.definition(workflowId);
    const stage = definition.stages.find((s) => s.name === stageName);
    if (stage?.type !== "AGENT_ASSIST") throw new Error(`no agent-assist stage "${stageName}"`);
    Object.assign(stage, settings);
    await this.json(this.put(`/api/v1/workflows/${workflowId}/definition`, { baseVersion: version, definition }), 200);
  }

  /** A stage's id by name. */
  async stageId(workflowId: string, stageName: string): Promise<string> {
    const { definition } = await this.definition(workflowId);
    const stage = definition.stages.find((s) => s.name === stageName);
    if (!stage) throw new Error(`no stage "${stageName}"`);
    return stage.id;
  }

  /** Creates an item (in the first stage unless one is named); returns its id. */
  async createItem(workflowId: string, title: string, stageName?: string): Promise<string> {
    const stageId = stageName ? await this.stageId(workflowId, stageName) : undefined;
    const { id } = await this.json<{ id: string }>(this.post(`/api/v1/workflows/${workflowId}/items`, { title, stageId }), 201);
    return id;
  }

  /** Moves an item to a stage of its workflow, as the board or the item page would. */
  async moveItem(itemId: string, workflowId: string, stageName: string): Promise<void> {
    await this.json(this.post(`/api/v1/items/${itemId}/move`, { toStageId: await this.stageId(workflowId, stageName) }), 200);
  }

  /** The titles of a workflow's items. */
  async itemTitles(workflowId: string): Promise<string[]> {
    const { items } = await this.json<{ items: { title: string }[] }>(this.get(`/api/v1/workflows/${workflowId}/items`), 200);
    return items.map((i) => i.title);
  }

  /** Adds an event trigger on `workflowId` listening to `event` in `sourceWorkflowId`; returns its id. */
  async createEventTrigger(workflowId: string, o: { name: string; event: string; sourceWorkflowId: string; title?: string }): Promise<string> {
    const body = { kind: "event", name: o.name, config: { event: o.event, sourceWorkflowId: o.sourceWorkflowId, title: o.title } };
    const { trigger } = await this.json<{ trigger: { id: string } }>(this.post(`/api/v1/workflows/${workflowId}/triggers`, body), 201);
    return trigger.id;
  }

  /** Opens an agent session on a repository; returns its id. */
  async createSession(repo: string, title: string): Promise<string> {
    const { session } = await this.json<{ session: { id: string } }>(this.post("/api/v1/agent/sessions", { repo, title }), 201);
    return session.id;
  }
}
