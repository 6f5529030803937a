import { describe, expect, it } from "vitest";
import { goalTerms } from "./terms";

describe("goalTerms", () => {
  it("keeps what looks like code and what is quoted", () => {
    expect(goalTerms("Rename priceOf to priceFor")).toEqual(["priceOf", "priceFor"]);
    expect(goalTerms('replace "Tandem beta" with "Tandem" in the `app_header` and lib/format.ts')).toEqual(["Tandem beta", "Tandem", "app_header", "format.ts"]);
    expect(goalTerms("Fix the crash in parseV2 when MAX_ITEMS is hit")).toEqual(["parseV2", "MAX_ITEMS"]);
  });

  it("leaves plain words out, and caps the list", () => {
    expect(goalTerms("Make the board feel faster and clearer")).toEqual([]);
    expect(goalTerms(Array.from({ length: 20 }, (_, i) => `name_${i}`).join(" "), 3)).toEqual(["name_0", "name_1", "name_2"]);
  });
});
