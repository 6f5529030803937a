import { describe, expect, it } from "vitest";
import { archiveItemInput } from "./schemas";

const id = "6f1c3c43-1b1a-4d84-9a43-0c8d0c2f7f11";

describe("archiveItemInput", () => {
  it.each([
    [undefined, true],
    [true, true],
    [false, false],
    ["true", true],
    ["false", false],
  ])("reads archived=%s as %s", (archived, expected) => {
    expect(archiveItemInput.parse({ id, archived }).archived).toBe(expected);
  });

  it("refuses anything else with a message", () => {
    const result = archiveItemInput.safeParse({ id, archived: "maybe" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Use true or false.");
  });
});
