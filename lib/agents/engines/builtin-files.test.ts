import { describe, expect, it } from "vitest";
import { areaRisk, fileKind, isTestPath, needsTests, stemOf, testsFor } from "./builtin-files";
import { requestLabel } from "./builtin-from-diff";

describe("fileKind", () => {
  it.each([
    ["drizzle/0007_agents.sql", "migration"],
    ["db/migrations/20240101_init.ts", "migration"],
    ["db/schema/items.ts", "schema"],
    ["prisma/schema.prisma", "schema"],
    ["lib/secrets/schemas.ts", "auth"], // zod input schemas, in a security module
    ["lib/workflows/schemas.ts", "code"],
    ["lib/auth/middleware.ts", "auth"],
    ["app/api/oauth/callback.ts", "auth"],
    ["package-lock.json", "lockfile"],
    ["package.json", "config"],
    ["next.config.ts", "config"],
    [".github/workflows/ci.yml", "config"],
    [".env.example", "config"],
    ["README.md", "docs"],
    ["docs/setup.txt", "docs"],
    ["lib/format.test.ts", "test"],
    ["e2e/board.spec.ts", "test"],
    ["tests/test_route.py", "test"],
    ["pkg/route_test.go", "test"],
    ["lib/format.ts", "code"],
    ["lib/agents/sessions.ts", "code"],
    ["public/logo.png", "other"],
  ])("%s is %s", (path, kind) => {
    expect(fileKind(path)).toBe(kind);
  });
});

describe("areaRisk", () => {
  it("goes by kind, then by size", () => {
    expect(areaRisk(["migration"], 3)).toBe("high");
    expect(areaRisk(["docs"], 300)).toBe("low");
    expect(areaRisk(["docs"], 600)).toBe("medium");
    expect(areaRisk(["code"], 20)).toBe("low");
    expect(areaRisk(["code"], 60)).toBe("medium");
    expect(areaRisk(["code", "test"], 250)).toBe("high");
    expect(areaRisk(["config"], 2)).toBe("medium");
  });
});

describe("tests of a file", () => {
  const tree = [
    "lib/format.ts",
    "lib/format.test.ts",
    "lib/triggers/schemas.test.ts",
    "lib/api/index.test.ts",
    "src/app/billing.py",
    "tests/app/test_billing.py",
    "tests/other/test_billing.py",
    "components/board/__tests__/column.test.tsx",
  ];

  it("finds the colocated test", () => {
    expect(testsFor("lib/format.ts", tree)).toEqual(["lib/format.test.ts"]);
    expect(testsFor("components/board/column.tsx", tree)).toEqual(["components/board/__tests__/column.test.tsx"]);
  });

  it("does not take another folder's colocated test of the same name", () => {
    expect(testsFor("lib/secrets/schemas.ts", tree)).toEqual([]);
    expect(testsFor("lib/web/index.ts", tree)).toEqual([]);
  });

  it("finds a test in a separate test tree, the one naming the folder first", () => {
    expect(testsFor("src/app/billing.py", tree)).toEqual(["tests/app/test_billing.py"]);
    expect(testsFor("src/web/billing.py", tree)).toEqual(["tests/app/test_billing.py", "tests/other/test_billing.py"]);
  });

  it("knows tests and code by name", () => {
    expect(isTestPath("lib/a.spec.ts")).toBe(true);
    expect(isTestPath("lib/attest.ts")).toBe(false);
    expect(stemOf("tests/test_route.py")).toBe("route");
    expect(needsTests("lib/format.ts")).toBe(true);
    expect(needsTests("lib/types.d.ts")).toBe(false);
    expect(needsTests("README.md")).toBe(false);
    expect(needsTests("drizzle/0001.sql")).toBe(false);
  });
});

describe("requestLabel", () => {
  it("names the request by the goal, or by its work item when the goal is an agent-assist stage's", () => {
    expect(requestLabel("fix", "fix the due date format")).toBe('Fix request "fix the due date format"');
    expect(requestLabel("review", "Read the diff and list risky changes.\n\nWork item: Add retry budget\nDetails follow.")).toBe('Review request "Add retry budget"');
    expect(requestLabel("feature", "x".repeat(200))).toBe(`Feature request "${"x".repeat(117)}..."`);
  });
});
