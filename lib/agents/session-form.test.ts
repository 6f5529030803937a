import { describe, expect, it } from "vitest";
import { currentPlanView } from "./session-views";
import { itemIdFrom, newSessionForm } from "./session-form";

const ID = "0b6f3c1e-9a2d-4f7e-8c5b-1d2e3f4a5b6c";

describe("the new-session form", () => {
  it("reads an item id from the id itself or a pasted link to the item page", () => {
    expect(itemIdFrom(ID)).toBe(ID);
    expect(itemIdFrom(` ${ID.toUpperCase()} `)).toBe(ID);
    expect(itemIdFrom(`https://tandem.example/items/${ID}`)).toBe(ID);
    expect(itemIdFrom(`http://localhost:3000/items/${ID}?tab=history#x`)).toBe(ID);
    expect(itemIdFrom("")).toBeNull();
    expect(itemIdFrom("not an item")).toBeNull();
    expect(itemIdFrom(`https://tandem.example/workflows/${ID}`)).toBeNull();
  });

  it("refuses a work item it cannot read, and leaves an empty one out", () => {
    expect(newSessionForm.parse({ repo: " demo ", workItem: "", title: "" })).toEqual({ repo: "demo", workItem: null, title: "" });
    expect(newSessionForm.parse({ repo: "demo", workItem: `/items/${ID}` }).workItem).toBe(ID);
    const bad = newSessionForm.safeParse({ repo: "demo", workItem: "ticket 42" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ["workItem"], message: expect.stringContaining("Paste an item's id or its link") });
    expect(newSessionForm.safeParse({ repo: "  " }).success).toBe(false);
  });
});

describe("a session's current plan", () => {
  it("is shown only when it is a valid plan, with its patch and engine", () => {
    const stored = { summary: "Rename", steps: [{ title: "Edit", risk: "low", estimate_minutes: 5 }], patch: "diff --git a/x b/x\n", engine: "builtin", model: null, intent: "refactor" };
    expect(currentPlanView(stored)).toMatchObject({ plan: { summary: "Rename", risks: [] }, patch: "diff --git a/x b/x\n", engine: "builtin", model: null, intent: "refactor" });
    expect(currentPlanView(null)).toBeNull();
    expect(currentPlanView({ summary: "no steps", steps: [] })).toBeNull();
  });
});
