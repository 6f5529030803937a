/**
 * Credentials in text: well-known key and token formats, and the exact values of the workflow owner's
 * stored secrets. Answers what KIND was found, never where or what, so a guardrail's reason (stored and
 * shown to reviewers) cannot leak the credential it caught.
 */

type Pattern = { label: string; re: RegExp };

// Bounded by explicit look-arounds rather than \b: several formats end in "-" or "_", where \b misfires.
// No pattern nests quantifiers, so each runs in linear time over any length of text.
const PATTERNS: Pattern[] = [
  { label: "what looks like an AWS access key", re: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/ },
  { label: "what looks like a GitHub token", re: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/ },
  { label: "what looks like a Slack token", re: /(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9-]{10,}/ },
  // A digit is required: 20+ characters of plain words after "sk-" is a kebab-case name, not a key.
  { label: "what looks like an OpenAI API key", re: /(?<![A-Za-z0-9_-])sk-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}/ },
  { label: "what looks like a Google API key", re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/ },
  { label: "what looks like a Stripe live key", re: /(?<![A-Za-z0-9])[sr]k_live_[0-9A-Za-z]{10,}/ },
  { label: "what looks like a private key", re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/ },
  { label: "what looks like a JSON Web Token", re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  {
    label: "what looks like a hard-coded password or token",
    // `DB_PASSWORD = "…"`, `client_secret: '…'`, `apiKey := "…"`. A value starting with $, <, { or % is a
    // placeholder (`"${TOKEN}"`, `"<your key>"`), not a credential.
    re: /(?:password|passwd|secret|api[_-]?key|token)[A-Za-z0-9_-]*\s*(?::=|=|:)\s*(["'`])(?![$<{%])[^\s"'`]{8,}\1/i,
  },
];

const SECRET_LABEL = "the value of a stored secret";
// Shorter values would match ordinary words; the same floor as the masking of logs (maskSecrets).
const MIN_SECRET_LENGTH = 4;

/** The forms a stored secret can take in text: as written, and as escaped inside a JSON string. */
function secretForms(values: string[]): string[] {
  const forms = new Set<string>();
  for (const v of values) {
    if (typeof v !== "string" || v.length < MIN_SECRET_LENGTH) continue;
    forms.add(v);
    forms.add(JSON.stringify(v).slice(1, -1));
  }
  return [...forms];
}

/** The kinds of credential found in `text` ("what looks like a GitHub token"), in a fixed order; empty when clean. */
export function credentialKinds(text: string, secretValues: string[]): string[] {
  const found = PATTERNS.filter((p) => p.re.test(text)).map((p) => p.label);
  if (secretForms(secretValues).some((form) => text.includes(form))) found.push(SECRET_LABEL);
  return found;
}

const MASK = "••••";

/**
 * Text with every well-known credential format replaced by “••••” (a hard-coded assignment keeps its name
 * and quotes). For transcripts: a call a guardrail blocked for a leaked key must not store the key.
 */
export function maskCredentials(text: string): string {
  let out = text;
  for (const { re } of PATTERNS) {
    const global = new RegExp(re.source, `${re.flags.replace("g", "")}g`);
    // Without a capture group the second argument is the offset: only a string is a captured quote.
    out = out.replace(global, (match: string, quote: unknown) => {
      if (typeof quote !== "string") return MASK;
      const at = match.indexOf(quote);
      return `${match.slice(0, at + 1)}${MASK}${quote}`;
    });
  }
  return out;
}
