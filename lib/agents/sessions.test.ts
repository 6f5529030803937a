import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentSessionMessages, agentSessions, auditLog } from "@/db/schema";
import { describeDb } from "@/db/testing/database";
import { actorFor, createItem, createTeamWorkflow, createUser, createWorkflow } from "@/db/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { closeSession, createSession, deleteSession, getSession, listSessions, recentMessages, touchSession, updateSession } from "./sessions";

const plan = { summary: "Fix the login form", steps: [{ title: "Validate the email", risk: "low", estimate_minutes: 15 }] };
const notFound = { code: "not_found", message: "The agent session was not found." };

let roots: string;
let repo: string;
beforeAll(() => {
  roots = realpathSync(mkdtempSync(path.join(tmpdir(), "tandem-sessions-")));
  repo = path.join(roots, "shop-web");
  mkdirSync(path.join(repo, "src"), { recursive: true });
  execFileSync("git", ["init", "-q", repo]);
  mkdirSync(path.join(roots, "not-a-repo"));
  process.env.TANDEM_REPO_ROOTS = roots;
});
afterAll(() => {
  rmSync(roots, { recursive: true, force: true });
});

describeDb("agents: sessions", (db) => {
  let ann: Actor;
  let bob: Actor;
  let item: { id: string; title: string };
  let hiddenItem: { id: string };
  beforeAll(async () => {
    // Ann and Bob share a team and can both read its items; a stranger's personal workflow is hidden from them.
    const t = await createTeamWorkflow(db(), { members: ["Ann", "Bob"] });
    [ann, bob] = t.actors;
    item = await createItem(db(), { workflowId: t.wf.id, stageId: t.wf.stages[0]!.id, title: "Login fails on Safari" });
    const stranger = await createUser(db(), { name: "Stranger" });
    const hidden = await createWorkflow(db(), { ownerUserId: stranger.id, visibility: "personal" });
    hiddenItem = await createItem(db(), { workflowId: hidden.id, stageId: hidden.stages[0]!.id });
  });
  const auditOf = (id: string) => db().select().from(auditLog).where(and(eq(auditLog.targetId, id), like(auditLog.action, "agent.session.%"))).orderBy(auditLog.seq);

  describe("creating", () => {
    it("resolves the repository, titles the session after its folder (and item), and audits it", async () => {
      const plain = await createSession(db(), ann, { repo: "shop-web" });
      expect(plain).toMatchObject({ userId: ann.userId, title: "shop-web", repoRoot: repo, workItemId: null, status: "open", closedAt: null });
      const withItem = await createSession(db(), ann, { repo: path.join(repo, "src"), workItemId: item.id });
      expect(withItem).toMatchObject({ title: "shop-web — Login fails on Safari", repoRoot: repo, workItemId: item.id });
      const named = await createSession(db(), ann, { repo: "shop-web", title: "  Spike  ", workItemId: "" });
      expect(named).toMatchObject({ title: "Spike", workItemId: null });
      const [audit] = await auditOf(withItem.id);
      expect(audit).toMatchObject({ action: "agent.session.create", actorId: ann.userId, targetType: "agent_session", details: { repoRoot: repo, workItemId: item.id } });
    });

    it("refuses an item the actor cannot see exactly like a missing one, and creates nothing", async () => {
      const before = (await db().select().from(agentSessions)).length;
      const expected = { code: "not_found", message: "The work item was not found." };
      await expect(createSession(db(), ann, { repo: "shop-web", workItemId: hiddenItem.id })).rejects.toMatchObject(expected);
      await expect(createSession(db(), ann, { repo: "shop-web", workItemId: randomUUID() })).rejects.toMatchObject(expected);
      expect((await db().select().from(agentSessions)).length).toBe(before);
    });

    it("refuses repositories outside the allowed roots, or that are not git repositories", async () => {
      await expect(createSession(db(), ann, { repo: tmpdir() })).rejects.toMatchObject({ code: "invalid" });
      await expect(createSession(db(), ann, { repo: "not-a-repo" })).rejects.toMatchObject({ code: "invalid" });
      await expect(createSession(db(), ann, { repo: "  " })).rejects.toMatchObject({ code: "invalid", fieldErrors: { repo: expect.any(Array) } });
    });
  });

  describe("one person's sessions", () => {
    it("lists the actor's own sessions, newest activity first, filtered by status", async () => {
      const older = await createSession(db(), bob, { repo: "shop-web", title: "Older" });
      const newer = await createSession(db(), bob, { repo: "shop-web", title: "Newer" });
      const done = await createSession(db(), bob, { repo: "shop-web", title: "Done" });
      await closeSession(db(), bob, done.id);
      expect((await listSessions(db(), bob, { status: "open" })).map((s) => s.title)).toEqual(["Newer", "Older"]);
      await touchSession(db(), bob, older.id, {});
      expect((await listSessions(db(), bob, { status: "open" })).map((s) => s.title)).toEqual(["Older", "Newer"]);
      expect((await listSessions(db(), bob, { status: "closed" })).map((s) => s.id)).toEqual([done.id]);
      expect((await listSessions(db(), bob)).map((s) => s.title).sort()).toEqual(["Done", "Newer", "Older"]);
      expect((await listSessions(db(), ann)).map((s) => s.userId)).not.toContain(bob.userId);
      expect(await getSession(db(), bob, newer.id)).toMatchObject({ id: newer.id, title: "Newer" });
    });

    it("answers another user's session exactly like a missing one, in every verb, and leaves it alone", async () => {
      const mine = await createSession(db(), ann, { repo: "shop-web", title: "Ann's" });
      for (const id of [mine.id, randomUUID(), "not-a-uuid", ""]) {
        await expect(getSession(db(), bob, id)).rejects.toMatchObject(notFound);
        await expect(updateSession(db(), bob, id, { title: "Taken" })).rejects.toMatchObject(notFound);
        await expect(closeSession(db(), bob, id)).rejects.toMatchObject(notFound);
        await expect(touchSession(db(), bob, id, { plan, messages: [{ role: "user", verb: "plan", content: "hi" }] })).rejects.toMatchObject(notFound);
        await expect(deleteSession(db(), bob, id)).rejects.toMatchObject(notFound);
      }
      expect(await getSession(db(), ann, mine.id)).toMatchObject({ title: "Ann's", status: "open", currentPlan: null });
      expect(await recentMessages(db(), mine.id)).toEqual([]);
    });
  });

  describe("updating", () => {
    it("renames, attaches and detaches an item, keeps a valid plan; closing stamps and audits", async () => {
      const s = await createSession(db(), ann, { repo: "shop-web" });
      const updated = await updateSession(db(), ann, s.id, { title: "Login work", workItemId: item.id, currentPlan: plan });
      expect(updated).toMatchObject({ title: "Login work", workItemId: item.id, currentPlan: { ...plan, risks: [] } });
      expect((await updateSession(db(), ann, s.id, { workItemId: null })).workItemId).toBeNull();
      await expect(updateSession(db(), ann, s.id, { workItemId: hiddenItem.id })).rejects.toMatchObject({ code: "not_found", message: "The work item was not found." });
      await expect(updateSession(db(), ann, s.id, { currentPlan: { summary: "No steps", steps: [] } })).rejects.toMatchObject({ code: "invalid" });
      await expect(updateSession(db(), ann, s.id, { title: "" })).rejects.toMatchObject({ code: "invalid" });

      const closed = await closeSession(db(), ann, s.id);
      expect(closed.status).toBe("closed");
      expect(closed.closedAt).toBeInstanceOf(Date);
      expect((await closeSession(db(), ann, s.id)).closedAt).toEqual(closed.closedAt);
      const reopened = await updateSession(db(), ann, s.id, { status: "open" });
      expect(reopened).toMatchObject({ status: "open", closedAt: null });
      expect(reopened.lastActivityAt.getTime()).toBeGreaterThan(s.lastActivityAt.getTime());
      expect((await auditOf(s.id)).map((a) => a.action)).toEqual(["agent.session.create", "agent.session.close", "agent.session.reopen"]);
    });

    it("deletes a session with its messages, audited", async () => {
      const s = await createSession(db(), ann, { repo: "shop-web", title: "Throwaway" });
      await touchSession(db(), ann, s.id, { messages: [{ role: "user", verb: "route", content: "hello" }] });
      expect(await deleteSession(db(), ann, s.id)).toEqual({ id: s.id });
      await expect(getSession(db(), ann, s.id)).rejects.toMatchObject(notFound);
      expect(await db().select().from(agentSessionMessages).where(eq(agentSessionMessages.sessionId, s.id))).toEqual([]);
      const audits = await auditOf(s.id);
      expect(audits.at(-1)).toMatchObject({ action: "agent.session.delete", actorId: ann.userId, details: { title: "Throwaway", repoRoot: repo } });
    });
  });

  describe("working in a session", () => {
    it("touch moves the activity time, keeps the plan when given, and appends messages in order", async () => {
      const s = await createSession(db(), ann, { repo: "shop-web" });
      const first = await touchSession(db(), ann, s.id, {
        plan,
        messages: [
          { role: "user", verb: "plan", content: "Fix the login" },
          { role: "agent", verb: "plan", content: "Here is a plan" },
        ],
      });
      expect(first.currentPlan).toEqual(plan);
      expect(first.lastActivityAt.getTime()).toBeGreaterThan(s.lastActivityAt.getTime());
      const second = await touchSession(db(), ann, s.id, { messages: [{ role: "user", verb: "apply", content: "Apply it" }] });
      expect(second.currentPlan).toEqual(plan);
      const messages = await recentMessages(db(), s.id);
      expect(messages.map((m) => [m.role, m.verb, m.content])).toEqual([
        ["user", "plan", "Fix the login"],
        ["agent", "plan", "Here is a plan"],
        ["user", "apply", "Apply it"],
      ]);
      expect(messages[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      await expect(touchSession(db(), ann, s.id, { messages: [{ role: "robot", verb: "plan", content: "x" }] })).rejects.toMatchObject({ code: "invalid" });
    });

    it("recentMessages keeps the last ones, oldest first", async () => {
      const s = await createSession(db(), ann, { repo: "shop-web" });
      await touchSession(db(), ann, s.id, { messages: Array.from({ length: 25 }, (_, i) => ({ role: "user", verb: "route", content: `m${i}` })) });
      expect((await recentMessages(db(), s.id)).map((m) => m.content)).toEqual(Array.from({ length: 20 }, (_, i) => `m${i + 5}`));
      expect((await recentMessages(db(), s.id, 3)).map((m) => m.content)).toEqual(["m22", "m23", "m24"]);
      expect(await recentMessages(db(), "not-a-uuid")).toEqual([]);
    });

    it("refuses to work in a closed session until it is reopened", async () => {
      const s = await createSession(db(), ann, { repo: "shop-web" });
      await closeSession(db(), ann, s.id);
      await expect(touchSession(db(), ann, s.id, { plan, messages: [{ role: "user", verb: "plan", content: "x" }] })).rejects.toMatchObject({
        code: "conflict",
        message: "This session is closed; reopen it or start a new one.",
      });
      expect((await getSession(db(), ann, s.id)).currentPlan).toBeNull();
      expect(await recentMessages(db(), s.id)).toEqual([]);
      await updateSession(db(), ann, s.id, { status: "open" });
      expect((await touchSession(db(), ann, s.id, { plan })).currentPlan).toEqual(plan);
    });
  });
});
