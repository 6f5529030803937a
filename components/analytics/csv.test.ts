import { describe, expect, it } from "vitest";
import { csvFileName, toCsv } from "./csv";

const cols = [
  { key: "name", label: "Stage" },
  { key: "n", label: "Items" },
];

describe("toCsv", () => {
  it("writes a header row and one CRLF-terminated line per row, in column order", () => {
    expect(toCsv(cols, [{ n: 3, name: "Editing" }, { name: "Done", n: 0 }])).toBe("Stage,Items\r\nEditing,3\r\nDone,0\r\n");
  });

  it("writes only the header when there are no rows", () => {
    expect(toCsv(cols, [])).toBe("Stage,Items\r\n");
  });

  it("quotes fields with commas, quotes and line breaks, doubling the quotes", () => {
    const csv = toCsv(cols, [
      { name: "CI, merge", n: 1 },
      { name: 'say "hi"', n: 2 },
      { name: "two\nlines", n: 3 },
      { name: "cr\r", n: 4 },
    ]);
    expect(csv.split("\r\n").slice(1, 5)).toEqual(['"CI, merge",1', '"say ""hi""",2', '"two\nlines",3', '"cr\r",4']);
  });

  it("quotes headers too, and keeps leading and trailing spaces by quoting them", () => {
    expect(toCsv([{ key: "a", label: "Time, mean (h)" }], [{ a: " padded " }])).toBe('"Time, mean (h)"\r\n" padded "\r\n');
  });

  it("leaves missing values empty and writes dates as ISO, booleans as words, non-finite numbers empty", () => {
    const row = { a: null, b: undefined, c: new Date("2026-03-01T10:00:00Z"), d: true, e: Number.NaN, f: -2.5 };
    const columns = ["a", "b", "c", "d", "e", "f"].map((k) => ({ key: k, label: k }));
    expect(toCsv(columns, [row]).split("\r\n")[1]).toBe(",,2026-03-01T10:00:00.000Z,true,,-2.5");
  });

  it("defuses text a spreadsheet would run as a formula, but not negative numbers", () => {
    const csv = toCsv(cols, [{ name: "=HYPERLINK(\"x\")", n: -1 }, { name: "@sum", n: 0 }, { name: "+1", n: 0 }]);
    expect(csv.split("\r\n").slice(1, 4)).toEqual(['"\'=HYPERLINK(""x"")",-1', "'@sum,0", "'+1,0"]);
  });
});

describe("csvFileName", () => {
  it("slugs the parts", () => {
    expect(csvFileName("Growth content calendar", "Throughput")).toBe("growth-content-calendar-throughput.csv");
    expect(csvFileName("Ünïcode ✓")).toBe("n-code.csv");
    expect(csvFileName("")).toBe("export.csv");
  });
});
