import { describe, expect, it } from "vitest";
import { assistGoal, goalLines, itemPart } from "./goal";
import { classifyIntent } from "./route";

describe("agent-assist goals", () => {
  const goal = assistGoal("Read the diff and propose small fixes.", { title: "Rename priceOf to formatPrice", description: "Callers in cart.ts too." });

  it("are the stage's prompt, then the work item", () => {
    expect(goal).toBe("Read the diff and propose small fixes.\n\nWork item: Rename priceOf to formatPrice\nCallers in cart.ts too.");
    expect(assistGoal("", { title: "T", description: "  " })).toBe("Work item: T");
  });

  it("give back the item's part and their lines without the label", () => {
    expect(itemPart(goal)).toBe("Rename priceOf to formatPrice\nCallers in cart.ts too.");
    expect(itemPart("just a goal")).toBeNull();
    expect(goalLines(goal)).toContain("Rename priceOf to formatPrice");
  });

  it("are classified by the item when it says what it is, by the prompt otherwise", () => {
    expect(classifyIntent(goal).intent).toBe("refactor");
    expect(classifyIntent(assistGoal("Write the tests this change lacks.", { title: "Checkout", description: "" })).intent).toBe("test");
  });
});
