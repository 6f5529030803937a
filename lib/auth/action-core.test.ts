import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Conflict, NotFound } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Actor } from "./actor";
import { runAction, sameOrigin } from "./action-core";

const actor: Actor = { userId: "u1", email: "u@example.test", name: "U", isAdmin: false, memberships: [], grants: [] };
const schema = z.object({ name: z.string().min(1, "Give it a name."), count: z.coerce.number().int() });
const ok = { actor, origin: "https://tandem.example", host: "tandem.example" };

describe("runAction", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("refuses a signed-out caller before parsing or running", async () => {
    let ran = false;
    const r = await runAction({ ...ok, actor: null }, schema, { name: "x", count: 1 }, async () => {
      ran = true;
    });
    expect(r).toEqual({ ok: false, code: "unauthorized", message: "Sign in to continue." });
    expect(ran).toBe(false);
  });

  it.each([
    ["missing", null],
    ["another site", "https://evil.example"],
    ["garbage", "not a url"],
  ])("refuses a request whose Origin is %s", async (_label, origin) => {
    const r = await runAction({ ...ok, origin }, schema, { name: "x", count: 1 }, async () => "ran");
    expect(r).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("parses FormData with coercion and hands the handler typed input", async () => {
    const form = new FormData();
    form.set("name", "Board");
    form.set("count", "3");
    form.set("$ACTION_ID_abc", "");
    const r = await runAction(ok, schema, form, async (a, input) => ({ who: a.userId, input }));
    expect(r).toEqual({ ok: true, data: { who: "u1", input: { name: "Board", count: 3 } } });
  });

  it("returns field errors for bad input, naming the field", async () => {
    const r = await runAction(ok, schema, { name: "", count: "many" }, async () => "ran");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe("invalid");
    expect(r.message).toBe("name: Give it a name.");
    expect(Object.keys(r.fieldErrors ?? {})).toEqual(["name", "count"]);
  });

  it("maps domain errors to their codes", async () => {
    const nf = await runAction(ok, schema, { name: "a", count: 1 }, async () => {
      throw new NotFound("Workflow");
    });
    expect(nf).toEqual({ ok: false, code: "not_found", message: "Workflow was not found." });
    const c = await runAction(ok, schema, { name: "a", count: 1 }, async () => {
      throw new Conflict("Someone saved first.");
    });
    expect(c).toMatchObject({ ok: false, code: "conflict" });
  });

  it("hides unexpected errors behind a generic message, and logs them with the request id", async () => {
    const logged = vi.spyOn(log, "error");
    const boom = new Error("connection to db-7.internal refused");
    const r = await runAction({ ...ok, requestId: "req-action-01" }, schema, { name: "a", count: 1 }, async () => {
      throw boom;
    });
    expect(r).toMatchObject({ ok: false, code: "internal" });
    expect(JSON.stringify(r)).not.toContain("db-7");
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]![0]).toEqual({ err: boom, requestId: "req-action-01", userId: "u1" });
  });

  it("does not log expected failures: they are answers, not incidents", async () => {
    const logged = vi.spyOn(log, "error");
    await runAction(ok, schema, { name: "a", count: 1 }, async () => {
      throw new NotFound("Workflow");
    });
    await runAction(ok, schema, { name: "", count: 1 }, async () => "ran");
    expect(logged).not.toHaveBeenCalled();
  });
});

describe("sameOrigin", () => {
  it("compares host and port", () => {
    expect(sameOrigin("http://localhost:3000", "localhost:3000")).toBe(true);
    expect(sameOrigin("http://localhost:3001", "localhost:3000")).toBe(false);
  });
});
