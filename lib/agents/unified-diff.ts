/**
 * A small unified diff generator (git's format, `git apply` ready) for the builtin engine's mechanical
 * patches. Line-based Myers diff after trimming the common prefix and suffix; a file without a trailing
 * newline gets git's "\ No newline at end of file" marker. Written here rather than adding the `diff`
 * package: the engine needs one function of it, for modifications of existing text files.
 */

type Op = { kind: " " | "-" | "+"; line: string };

/** Lines with their terminators kept, so "x" (no newline at end) and "x\n" differ as git sees them. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n").map((l) => `${l}\n`);
  if (text.endsWith("\n")) lines.pop();
  else lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, -1);
  return lines;
}

// Past this many edits the trace would cost too much memory (it grows with edits squared); the middle
// is then written as one replacement: still a correct patch, just a larger one.
const MAX_EDITS = 2000;

/** The shortest edit script between two line lists (Myers, O((N+M)·D)), or null past MAX_EDITS. */
function myers(a: string[], b: string[]): Op[] | null {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  // trace[d] holds the furthest x on diagonals -d..d before round d, all the backtrack needs.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, MAX_EDITS); d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, d);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], a: string[], b: string[], dEnd: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  const snakeBackTo = (toX: number, toY: number) => {
    while (x > toX && y > toY) {
      x--;
      y--;
      ops.push({ kind: " ", line: a[x]! });
    }
  };
  for (let d = dEnd; d > 0; d--) {
    const at = (k: number) => trace[d]![k + d]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    // The edit of round d led from (prevX, prevY) to the start of the snake that ends at (x, y).
    if (down) snakeBackTo(prevX, prevY + 1);
    else snakeBackTo(prevX + 1, prevY);
    if (down) ops.push({ kind: "+", line: b[--y]! });
    else ops.push({ kind: "-", line: a[--x]! });
  }
  snakeBackTo(0, 0);
  return ops.reverse();
}

function editScript(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle = myers(midA, midB) ?? [...midA.map((line) => ({ kind: "-" as const, line })), ...midB.map((line) => ({ kind: "+" as const, line }))];
  return [
    ...a.slice(0, start).map((line) => ({ kind: " " as const, line })),
    ...middle,
    ...a.slice(endA).map((line) => ({ kind: " " as const, line })),
  ];
}

// git writes a range of one line as "5" and an empty range as the line before it ("4,0").
const range = (start: number, count: number) => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

const printLine = (op: Op) => (op.line.endsWith("\n") ? `${op.kind}${op.line}` : `${op.kind}${op.line}\n\\ No newline at end of file\n`);

/** The unified diff of one file's change (empty when nothing changed), with `context` lines around edits. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return "";
  const ops = editScript(splitLines(before), splitLines(after));

  // Group changes whose context would touch or overlap into one hunk, as diff(1) does.
  const changed = ops.flatMap((op, i) => (op.kind === " " ? [] : [i]));
  const groups: [number, number][] = [];
  for (const i of changed) {
    const last = groups[groups.length - 1];
    if (last && i - last[1] <= 2 * context + 1) last[1] = i;
    else groups.push([i, i]);
  }

  // Line numbers (1-based) of each op in the old and new file.
  const oldNo: number[] = [];
  const newNo: number[] = [];
  let o = 1;
  let n = 1;
  for (const op of ops) {
    oldNo.push(o);
    newNo.push(n);
    if (op.kind !== "+") o++;
    if (op.kind !== "-") n++;
  }

  let out = `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n`;
  for (const [first, last] of groups) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const hunk = ops.slice(from, to + 1);
    const oldCount = hunk.filter((op) => op.kind !== "+").length;
    const newCount = hunk.filter((op) => op.kind !== "-").length;
    out += `@@ -${range(oldNo[from]!, oldCount)} +${range(newNo[from]!, newCount)} @@\n`;
    out += hunk.map(printLine).join("");
  }
  return out;
}

/** One patch for several files' changes; unchanged files are left out. */
export function unifiedPatch(changes: { path: string; before: string; after: string }[], context = 3): string {
  return changes.map((c) => unifiedDiff(c.path, c.before, c.after, context)).join("");
}
