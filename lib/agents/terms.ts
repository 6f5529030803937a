/**
 * The words of a request worth searching a repository for: what looks like code (camelCase, snake_case,
 * dotted or with digits), anything in backticks or quotes, and file names. Plain English words are left
 * out: "rename the price helper" searches for nothing, "rename priceOf to priceFor" for both names.
 */
export function goalTerms(goal: string, max = 8): string[] {
  const terms: string[] = [];
  const add = (t: string) => {
    const term = t.trim();
    if (term.length >= 3 && term.length <= 100 && !term.includes("\n") && !terms.includes(term)) terms.push(term);
  };
  for (const m of goal.matchAll(/`([^`]+)`|"([^"]+)"|'([^'\s][^']*)'/g)) add(m[1] ?? m[2] ?? m[3] ?? "");
  for (const m of goal.matchAll(/[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g)) {
    const word = m[0];
    const codeLike = /[a-z][A-Z]|_|\$|\d|\./.test(word) || /^[A-Z][a-z]+[A-Z]/.test(word);
    if (codeLike) add(word.replace(/\.$/, ""));
  }
  return terms.slice(0, max);
}
