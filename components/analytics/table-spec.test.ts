import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";
import { cellText, csvOf } from "./table-spec";

describe("csvOf", () => {
  it("exports raw values under the CSV labels, in column order, and the table shows the text", () => {
    const spec = {
      caption: "Per stage",
      columns: [
        { key: "stage", label: "Stage" },
        { key: "mean", label: "Mean time", csvLabel: "Mean time (hours)", numeric: true },
        { key: "n", label: "Now", numeric: true },
      ],
      rows: [
        { n: 1200, stage: "Editing, final", mean: { text: "3 d 4 h", raw: 76 } },
        { stage: "Done", mean: { text: "—", raw: null }, n: null },
      ],
    };
    const { columns, rows } = csvOf(spec);
    expect(toCsv(columns, rows)).toBe('Stage,Mean time (hours),Now\r\n"Editing, final",76,1200\r\nDone,,\r\n');
    expect(cellText(spec.rows[0]!.mean)).toBe("3 d 4 h");
    expect(cellText(spec.rows[0]!.n)).toBe("1,200");
    expect(cellText(spec.rows[1]!.n)).toBe("—");
  });
});
