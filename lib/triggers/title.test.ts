import { describe, expect, it } from "vitest";
import { itemTitle, renderTitle } from "./title";

describe("trigger item titles", () => {
  const scope = { event: { itemTitle: "Fix login", n: 3, tags: ["a", "b"] }, payload: { ref: { name: "main" } }, trigger: { name: "Mirror" } };

  it("fills references, nested and spaced, and leaves nothing for missing ones", () => {
    expect(renderTitle("{{event.itemTitle}} #{{ event.n }} on {{payload.ref.name}} via {{trigger.name}}{{event.nope}}", scope)).toBe("Fix login #3 on main via Mirror");
    expect(renderTitle("{{event.tags.1}} {{event.tags}}", scope)).toBe('b ["a","b"]');
  });

  it("keeps titles to one line of at most 200 characters, falling back when empty", () => {
    expect(renderTitle("a\n  b", {})).toBe("a b");
    expect(renderTitle("x".repeat(300), {})).toHaveLength(200);
    expect(itemTitle("{{payload.missing}}", scope, "Fallback")).toBe("Fallback");
    expect(itemTitle(undefined, scope, "Fallback")).toBe("Fallback");
  });
});
