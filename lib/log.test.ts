import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { logLevel } from "./log";
import { captureLog } from "./log-testing";

describe("logLevel", () => {
  it("reads LOG_LEVEL, and falls back to info for nothing or nonsense", () => {
    expect(logLevel("debug")).toBe("debug");
    expect(logLevel(" WARN ")).toBe("warn");
    expect(logLevel("silent")).toBe("silent");
    expect(logLevel(undefined)).toBe("info");
    expect(logLevel("loud")).toBe("info");
  });
});

describe("log lines", () => {
  it("are one JSON object a line, with the level by name, a time, and the request id given", () => {
    const { logger, lines } = captureLog("info");
    logger.info({ requestId: "req-12345678", userId: "u1" }, "request");
    logger.debug("below the level, not written");
    const [line, ...rest] = lines();
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ level: "info", msg: "request", requestId: "req-12345678", userId: "u1" });
    expect(new Date(line!.time as string).getTime()).not.toBeNaN();
  });

  it("a child logger puts its bindings on every line", () => {
    const { logger, lines } = captureLog();
    const child = logger.child({ requestId: "req-abcdefgh" });
    child.warn("one");
    child.error("two");
    expect(lines().map((l) => l.requestId)).toEqual(["req-abcdefgh", "req-abcdefgh"]);
  });

  it("carry an error's type, message and stack under err", () => {
    const { logger, lines } = captureLog();
    logger.error({ err: new TypeError("boom") }, "failed");
    const err = lines()[0]!.err as Record<string, string>;
    expect(err.type).toBe("TypeError");
    expect(err.message).toBe("boom");
    expect(err.stack).toContain("TypeError: boom");
  });

  it("never carry a failed query's parameters, a row quoted in its detail, or fields named like secrets", () => {
    const { logger, lines } = captureLog();
    const pgError = Object.assign(new Error('null value in column "title" violates not-null constraint'), {
      detail: "Failing row contains (private item text).",
    });
    const err = new DrizzleQueryError("insert into work_items (title, data) values ($1, $2)", ["private item text", "{\"note\":\"mine\"}"], pgError);
    logger.error({ err, password: "hunter2", token: "tdm_secret", nested: { authorization: "Bearer tdm_secret" } }, "failed");
    const text = JSON.stringify(lines());
    expect(text).toContain("insert into work_items");
    expect(text).toContain("not-null constraint");
    for (const leak of ["private item text", "mine", "hunter2", "tdm_secret"]) expect(text).not.toContain(leak);
  });
});
