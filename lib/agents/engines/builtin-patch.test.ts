import { describe, expect, it } from "vitest";
import type { ContextBundle } from "../types";
import { mechanicalEdit, parseMechanicalRequest } from "./builtin-patch";

describe("parseMechanicalRequest", () => {
  it.each([
    ["rename fooBar to bazQux", { kind: "rename", from: "fooBar", to: "bazQux" }],
    ["Rename the function `loadItems` to `listItems`.", { kind: "rename", from: "loadItems", to: "listItems" }],
    ["rename $store as store$", { kind: "rename", from: "$store", to: "store$" }],
    ['replace "Tandem beta" with "Tandem"', { kind: "replace", from: "Tandem beta", to: "Tandem" }],
    ["replace 'colour' with 'color'", { kind: "replace", from: "colour", to: "color" }],
    ['Replace all "TODO(x)" with "" in lib', { kind: "replace", from: "TODO(x)", to: "" }],
    ["Review the change.\n\nWork item: rename oldName to newName\nSee the ticket.", { kind: "rename", from: "oldName", to: "newName" }],
  ])("%s", (goal, expected) => {
    expect(parseMechanicalRequest(goal)).toEqual(expected);
  });

  it.each(["rename the board columns to be clearer and add icons", "rename foo to foo", "replace the old importer with a streaming one", "make it faster"])(
    "%s is not mechanical",
    (goal) => {
      expect(parseMechanicalRequest(goal)).toBeNull();
    },
  );
});

const bundle = (files: { path: string; content: string; truncated?: boolean }[], focus = "."): ContextBundle => ({
  repoRoot: "/r",
  focus,
  head: null,
  branch: null,
  tree: [],
  treeTotal: 0,
  treeTruncated: false,
  diff: null,
  files: files.map((f) => ({ truncated: false, tokens: 1, reason: "requested" as const, ...f })),
  messages: [],
  budget: { tokens: 1, used: 0 },
});

describe("mechanicalEdit", () => {
  it("renames whole words only, $ included", () => {
    const e = mechanicalEdit({ kind: "rename", from: "$store", to: "store" }, bundle([{ path: "a.ts", content: "$store.x; my$store; $stores\n" }]));
    expect(e.patch).toContain("+store.x; my$store; $stores\n");
    expect(e.changed).toEqual([{ path: "a.ts", count: 1 }]);
  });

  it("writes replacement text literally, even with $ patterns", () => {
    const e = mechanicalEdit({ kind: "replace", from: "price", to: "$&1" }, bundle([{ path: "a.ts", content: "price\n" }]));
    expect(e.patch).toContain("+$&1\n");
  });

  it("skips truncated files and files outside the focus", () => {
    const e = mechanicalEdit(
      { kind: "replace", from: "x", to: "y" },
      bundle(
        [
          { path: "lib/a/one.ts", content: "x\n" },
          { path: "lib/a/two.ts", content: "x\n", truncated: true },
          { path: "lib/ab/three.ts", content: "x\n" },
        ],
        "lib/a",
      ),
    );
    expect(e.changed.map((c) => c.path)).toEqual(["lib/a/one.ts"]);
    expect(e.skipped).toEqual(["lib/a/two.ts"]);
  });

  it("gives no patch when nothing matches", () => {
    expect(mechanicalEdit({ kind: "rename", from: "nope", to: "yes" }, bundle([{ path: "a.ts", content: "x\n" }])).patch).toBeNull();
  });
});
