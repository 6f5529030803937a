import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeDb } from "@/db/testing/database";
import { actorFor, addMember, createTeam, createUser } from "@/db/testing/factories";
import { createRepo, gitIn, tempRepoRoot } from "@/lib/agents/testing";
import { createApiToken } from "@/lib/auth/tokens";
import {
  agentApplyRoute,
  agentContextRoute,
  agentPlanRoute,
  agentRouteRoute,
  createAgentSessionRoute,
  deleteAgentSessionRoute,
  getAgentSessionRoute,
  listAgentSessionsRoute,
  updateAgentSessionRoute,
} from "./agent";
import { applyResponse, contextResponse, planResponse, routeResponse, sessionDetailResponse } from "./agent-schemas";
import type { ApiContext } from "./core";
import { openApiDocument } from "./openapi";
import { apiCtx, apiRequest } from "./testing";

type Who = "admin" | "member" | "viewer" | "other";
type Route = (ctx: ApiContext, req: Request) => Promise<Response>;
type IdRoute = (ctx: ApiContext, req: Request, id: string) => Promise<Response>;

const FILES = {
  "src/cart.ts": "export function addItem(cart: string[], item: string) {\n  return [...cart, item];\n}\n",
  "src/checkout.ts": 'import { addItem } from "./cart";\n\nexport const basket = addItem([], "tea");\n',
  "README.md": "# Shop\n",
};
const notFound = { error: { code: "not_found", message: "The agent session was not found." } };

let roots: string;
let outside: string;
const previousRoots = process.env.TANDEM_REPO_ROOTS;
beforeAll(() => {
  roots = tempRepoRoot("tandem-api-agent-");
  outside = tempRepoRoot("tandem-api-outside-");
  process.env.TANDEM_REPO_ROOTS = roots;
});
afterAll(() => {
  if (previousRoots === undefined) delete process.env.TANDEM_REPO_ROOTS;
  else process.env.TANDEM_REPO_ROOTS = previousRoots;
  rmSync(roots, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** The repository's state as a patch could change it: HEAD, branches, working tree. */
const repoState = (repo: string) => ({
  head: gitIn(repo, "rev-parse", "HEAD").trim(),
  branches: gitIn(repo, "branch", "--format=%(refname:short)").trim(),
  status: gitIn(repo, "status", "--porcelain").trim(),
});

/** A patch renaming addItem in src/cart.ts, made with git itself and then undone. */
function renamePatch(repo: string): string {
  const file = path.join(repo, "src/cart.ts");
  const before = readFileSync(file, "utf8");
  writeFileSync(file, before.replace("addItem", "appendItem"));
  const patch = gitIn(repo, "diff");
  writeFileSync(file, before);
  return patch;
}

describe("the agent routes in the OpenAPI document", () => {
  it("names the session in /agent/sessions/{id}", () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, { parameters: { description: string }[] }>> };
    expect(doc.paths["/api/v1/agent/sessions/{id}"]!.get!.parameters[0]!.description).toBe("The session's id.");
  });
});

describeDb("REST API: agent", (db, driver) => {
  let repo: string;
  const tokens = {} as Record<Who, string>;
  beforeAll(async () => {
    repo = createRepo(roots, `shop-${driver}`, FILES);
    const team = await createTeam(db(), { name: "Shop team" });
    for (const [who, role] of [["admin", "admin"], ["member", "member"], ["viewer", "viewer"], ["other", "member"]] as const) {
      const user = await createUser(db(), { name: who, email: `${who}-${driver}@example.test` });
      await addMember(db(), team.id, user.id, role);
      tokens[who] = (await createApiToken(db(), await actorFor(db(), user.id), { name: "agent tests" })).token;
    }
  });

  async function send(who: Who | null, method: string, url: string, run: (c: ApiContext, r: Request) => Promise<Response>, body?: unknown) {
    const res = await run(apiCtx(db(), who ? tokens[who] : null, { method }), apiRequest(method, url, body));
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }
  const verb = (name: string, route: Route) => (who: Who | null, body: unknown) => send(who, "POST", `/api/v1/agent/${name}`, route, body);
  const one = (method: string, route: IdRoute) => (who: Who | null, id: string, body?: unknown) =>
    send(who, method, `/api/v1/agent/sessions/${id}`, (c, r) => route(c, r, id), body);
  const api = {
    route: verb("route", agentRouteRoute),
    context: verb("context", agentContextRoute),
    plan: verb("plan", agentPlanRoute),
    apply: verb("apply", agentApplyRoute),
    list: (who: Who | null, query = "") => send(who, "GET", `/api/v1/agent/sessions${query}`, listAgentSessionsRoute),
    create: (who: Who | null, body: unknown) => send(who, "POST", "/api/v1/agent/sessions", createAgentSessionRoute, body),
    get: one("GET", getAgentSessionRoute),
    update: one("PATCH", updateAgentSessionRoute),
    remove: one("DELETE", deleteAgentSessionRoute),
  };
  const repoName = () => `shop-${driver}`;

  it("routes, builds context and plans for a member, naming the repository relative to its root", async () => {
    const routed = await api.route("member", { goal: "fix the crash in addItem" });
    expect(routed.status).toBe(200);
    expect(routeResponse.parse(routed.body)).toEqual(routed.body);
    expect(routed.body).toMatchObject({ intent: "fix", engine: "builtin" });

    const context = await api.context("member", { repo: repoName(), paths: ["src/cart.ts"] });
    expect(context.status).toBe(200);
    expect(contextResponse.parse(context.body)).toEqual(context.body);
    expect(context.body.repo).toBe(repoName());
    expect(context.body.files.map((f: { path: string }) => f.path)).toContain("src/cart.ts");

    const planned = await api.plan("member", { goal: "rename addItem to appendItem", repo: repoName() });
    expect(planned.status).toBe(200);
    expect(planResponse.parse(planned.body)).toEqual(planned.body);
    expect(planned.body).toMatchObject({ repo: repoName(), focus: ".", intent: "refactor", engine: "builtin" });
    expect(planned.body).not.toHaveProperty("bundle");
    expect(planned.body.plan.steps.length).toBeGreaterThan(0);
    for (const answer of [context, planned]) {
      expect(answer.body).not.toHaveProperty("repoRoot");
      expect(JSON.stringify(answer.body)).not.toContain(roots);
    }
  });

  it("refuses a viewer every verb (403 naming code.use) and a member apply (403 naming code.edit)", async () => {
    const before = repoState(repo);
    for (const answer of [
      await api.route("viewer", { goal: "fix it" }),
      await api.context("viewer", { repo: repoName() }),
      await api.plan("viewer", { goal: "fix it", repo: repoName() }),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body.error.message).toContain("code.use");
    }
    const applied = await api.apply("member", { repo: repoName(), patch: renamePatch(repo) });
    expect(applied.status).toBe(403);
    expect(applied.body.error.message).toContain("code.edit");
    expect(repoState(repo)).toEqual(before);
  });

  it("applies an admin's patch as a commit on a new branch", async () => {
    const base = gitIn(repo, "rev-parse", "HEAD").trim();
    const applied = await api.apply("admin", { repo: repoName(), patch: renamePatch(repo), branch: "agent/rename-add-item", message: "Rename addItem" });
    expect(applied.status).toBe(200);
    expect(applyResponse.parse(applied.body)).toEqual(applied.body);
    expect(applied.body).toMatchObject({ repo: repoName(), branch: "agent/rename-add-item", base, files: ["src/cart.ts"] });
    expect(gitIn(repo, "rev-parse", "agent/rename-add-item").trim()).toBe(applied.body.commit);
    expect(gitIn(repo, "show", "agent/rename-add-item:src/cart.ts")).toContain("appendItem");
    gitIn(repo, "checkout", "-q", "main");
  });

  it("refuses a patch touching ../x with 400 and leaves the repository as it was", async () => {
    const before = repoState(repo);
    const patch = "diff --git a/../x b/../x\nnew file mode 100644\n--- /dev/null\n+++ b/../x\n@@ -0,0 +1 @@\n+escaped\n";
    const applied = await api.apply("admin", { repo: repoName(), patch });
    expect(applied.status).toBe(400);
    expect(applied.body.error.message).toContain("The patch touches a path it may not");
    expect(repoState(repo)).toEqual(before);
    expect(existsSync(path.join(roots, "x"))).toBe(false);
  });

  it("refuses a patch over 1 MB and a misspelt field with 400", async () => {
    const big = await api.apply("admin", { repo: repoName(), patch: "x".repeat(1024 * 1024 + 1) });
    expect(big.status).toBe(400);
    expect(big.body.error.fields.patch).toEqual(["A patch must be under 1 MB."]);
    const misspelt = await api.plan("member", { goal: "fix it", repo: repoName(), sessionId: randomUUID() });
    expect(misspelt.status).toBe(400);
  });

  it("answers another user's session exactly like a random id: 404 in GET, PATCH, DELETE and as session_id", async () => {
    const created = await api.create("member", { repo: repoName(), title: "Member's session" });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/agent/sessions/${created.body.session.id}`);
    expect(created.body.session).toMatchObject({ title: "Member's session", repo: repoName(), status: "open", workItemId: null, currentPlan: null });
    const theirs = created.body.session.id as string;
    for (const id of [theirs, randomUUID()]) {
      for (const a of [
        await api.get("other", id),
        await api.update("other", id, { title: "Mine now" }),
        await api.remove("other", id),
        await api.plan("other", { goal: "fix it", session_id: id }),
        await api.route("other", { goal: "fix it", session_id: id }),
      ]) {
        expect(a.status, id).toBe(404);
        expect(a.body, id).toEqual(notFound);
      }
    }
    // A malformed path id reads as missing too (a malformed session_id in a body is a plain 400).
    for (const a of [await api.get("other", "not-a-session"), await api.update("other", "not-a-session", { title: "x" }), await api.remove("other", "not-a-session")]) {
      expect(a.body).toEqual(notFound);
    }
    const still = await api.get("member", theirs);
    expect(still.body.session.title).toBe("Member's session");
    expect((await api.list("other")).body.sessions).toEqual([]);
  });

  it("keeps a plan made in a session as its current plan and appends the exchange to its messages", async () => {
    const { body } = await api.create("member", { repo: repoName() });
    const id = body.session.id as string;
    const goal = "rename addItem to appendItem";
    const planned = await api.plan("member", { goal, session_id: id });
    expect(planned.status).toBe(200);
    const detail = await api.get("member", id);
    expect(sessionDetailResponse.parse(detail.body)).toEqual(detail.body);
    expect(detail.body.session.currentPlan).toMatchObject({ summary: planned.body.plan.summary, patch: planned.body.patch, engine: "builtin", intent: "refactor" });
    expect(detail.body.messages.map((m: { role: string; verb: string; content: string }) => [m.role, m.verb, m.content])).toEqual([
      ["user", "plan", goal],
      ["agent", "plan", planned.body.plan.summary],
    ]);
    expect((await api.list("member", "?status=open")).body.sessions.map((s: { id: string }) => s.id)).toContain(id);

    const closed = await api.update("member", id, { status: "closed" });
    expect(closed.body.session).toMatchObject({ status: "closed" });
    expect((await api.plan("member", { goal, session_id: id })).status).toBe(409);
    expect((await api.list("member", "?status=open")).body.sessions.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await api.remove("member", id)).body).toEqual({ id, deleted: true });
    expect((await api.get("member", id)).status).toBe(404);
  });

  it("answers 401 without a token on every route", async () => {
    const id = randomUUID();
    for (const a of [
      await api.route(null, { goal: "fix it" }),
      await api.context(null, { repo: repoName() }),
      await api.plan(null, { goal: "fix it", repo: repoName() }),
      await api.apply(null, { repo: repoName(), patch: "x" }),
      await api.list(null),
      await api.create(null, { repo: repoName() }),
      await api.get(null, id),
      await api.update(null, id, { title: "x" }),
      await api.remove(null, id),
    ]) {
      expect(a.status).toBe(401);
      expect(a.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("refuses a repository outside the allowed roots with 400", async () => {
    const elsewhere = createRepo(outside, `elsewhere-${driver}`, FILES);
    for (const a of [
      await api.plan("member", { goal: "fix it", repo: elsewhere }),
      await api.context("member", { repo: elsewhere }),
      await api.create("member", { repo: elsewhere }),
    ]) {
      expect(a.status).toBe(400);
      expect(a.body.error.message).toContain("outside the allowed repository roots");
    }
  });
});
