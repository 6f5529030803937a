/**
 * Where a JSON text goes wrong, as line and column. Engines word JSON.parse errors differently and some
 * (V8 for an unexpected token) give no position at all, so after a failed parse this small scanner walks
 * the text to find the first character that cannot be JSON.
 */

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

class Stop {
  constructor(readonly at: number) {}
}

/** The index of the first character where `text` stops being valid JSON, or null when it is valid. */
export function jsonErrorIndex(text: string): number | null {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) throw new Stop(i);
    i++;
  };
  const match = (re: RegExp) => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) throw new Stop(i);
    i += m[0].length;
  };
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) throw new Stop(i);
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) throw new Stop(i);
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? "x")) throw new Stop(i);
      }
      i++;
    }
    expect('"');
  };
  const list = (close: string, item: () => void) => {
    i++;
    skip();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      skip();
      if (text[i] === close) return void i++;
      expect(",");
      skip();
    }
  };
  const value = (): void => {
    skip();
    const c = text[i];
    if (c === "{") {
      list("}", () => {
        string();
        skip();
        expect(":");
        value();
      });
    } else if (c === "[") list("]", value);
    else if (c === '"') string();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) match(NUMBER);
    else match(LITERAL);
  };
  try {
    value();
    skip();
    return i < text.length ? i : null;
  } catch (e) {
    // Anything else is the stack giving out on absurd nesting: the place is then unknown, not an error.
    return e instanceof Stop ? e.at : null;
  }
}

/** 1-based line and column of an index in `text`. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  return { line: before.split("\n").length, column: before.length - before.lastIndexOf("\n") };
}

/** A JSON.parse error message without the engine's own location or text snippet, which differ by browser. */
export function cleanJsonMessage(message: string): string {
  const m = message
    .replace(/^JSON(?:\.parse:| Parse error:)\s*/i, "")
    .replace(/, ".*" is not valid JSON$/s, "")
    .replace(/ in JSON at position \d+.*$/s, "")
    .replace(/ at line \d+ column \d+ of the JSON data$/, "")
    .trim();
  return m ? m[0]!.toUpperCase() + m.slice(1) : "Unreadable JSON";
}
