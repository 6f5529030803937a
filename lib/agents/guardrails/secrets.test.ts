import { describe, expect, it } from "vitest";
import { guardrailCheckSchema } from "@/lib/agents/catalog/schemas";
import { type TaggedCheck, checkInput, checkOutput } from "./checks";
import { maskCredentials } from "./credentials";

const tagged = (tag: string, raw: unknown): TaggedCheck => ({ tag, check: guardrailCheckSchema.parse(raw) });
const noSecrets = (extra: Record<string, unknown> = {}) => tagged("no-secrets", { kind: "secrets", ...extra });

// Built at run time so the repository holds no string a secret scanner would (rightly) stop at.
const fake = {
  aws: `AKIA${"Q7XW3N5P2R8T4V6Y"}`,
  github: `ghp_${"a1B2c3D4".repeat(5)}`,
  githubPat: `github_pat_${"11ABCDEFG0".repeat(3)}`,
  slack: `xoxb-${"1234567890"}-abcdefghij`,
  openai: `sk-proj-${"Ab3".repeat(10)}`,
  google: `AIza${"Sy0_abcdefghijklmnopqrstuvwxyz-1234".slice(0, 35)}`,
  stripe: `sk_live_${"51Hx".repeat(6)}`,
  pem: `-----BEGIN RSA ${"PRIVATE"} KEY-----\nMIIEow${"x".repeat(40)}\n-----END RSA PRIVATE KEY-----`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${"dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"}`,
  assignment: `const DB_PASSWORD = "${"hunter2hunter2"}";`,
};

describe("secrets check", () => {
  it("passes an output without credentials", () => {
    const [r] = checkOutput([noSecrets()], { input: {}, output: { summary: "Renamed a variable." }, secretValues: ["s3cr3t-value"] });
    expect(r).toEqual({ tag: "no-secrets", kind: "secrets", phase: "output", verdict: "pass", reason: "No credentials or stored secret values in the output." });
  });

  it("flags a credential when the check's action is flag", () => {
    const [r] = checkOutput([noSecrets({ action: "flag" })], { input: {}, output: `key: ${fake.aws}`, secretValues: [] });
    expect(r?.verdict).toBe("flag");
    expect(r?.reason).toBe("The output contains what looks like an AWS access key.");
  });

  it("blocks a credential nested deep in the output, by default", () => {
    const output = { result: { files: [{ text: `token ${fake.github}` }] } };
    const [r] = checkOutput([noSecrets()], { input: {}, output, secretValues: [] });
    expect(r?.verdict).toBe("block");
    expect(r?.reason).toBe("The output contains what looks like a GitHub token.");
  });

  it.each([
    ["aws", "an AWS access key"],
    ["github", "a GitHub token"],
    ["githubPat", "a GitHub token"],
    ["slack", "a Slack token"],
    ["openai", "an OpenAI API key"],
    ["google", "a Google API key"],
    ["stripe", "a Stripe live key"],
    ["pem", "a private key"],
    ["jwt", "a JSON Web Token"],
    ["assignment", "a hard-coded password or token"],
  ] as const)("names %s by its kind and never quotes it", (name, label) => {
    const [r] = checkOutput([noSecrets()], { input: {}, output: { text: `before ${fake[name]} after` }, secretValues: [] });
    expect(r?.verdict).toBe("block");
    expect(r?.reason).toContain(`what looks like ${label}`);
    expect(r?.reason).not.toContain(fake[name]);
    expect(r?.reason).not.toContain(fake[name].slice(0, 12));
  });

  it("lists every kind found, once", () => {
    const [r] = checkOutput([noSecrets()], { input: {}, output: [fake.aws, fake.aws, fake.slack], secretValues: [] });
    expect(r?.reason).toBe("The output contains what looks like an AWS access key and what looks like a Slack token.");
  });

  it.each([
    ["a kebab-case name after sk-", "sk-this-is-a-long-kebab-case-identifier"],
    ["a placeholder password", 'password = "${DB_PASSWORD}"'],
    ["a short password", 'password = "abc"'],
    ["a password left empty", 'api_key = ""'],
    ["a lower-case akia word", `akia${"q".repeat(16)}`],
  ])("lets %s through", (_, text) => {
    const [r] = checkOutput([noSecrets()], { input: {}, output: text, secretValues: [] });
    expect(r?.verdict).toBe("pass");
  });

  it("detects a stored secret's value without quoting it", () => {
    const secret = "correct-horse-battery";
    const [r] = checkOutput([noSecrets()], { input: {}, output: { log: `connecting with ${secret}` }, secretValues: [secret] });
    expect(r?.verdict).toBe("block");
    expect(r?.reason).toBe("The output contains the value of a stored secret.");
    expect(r?.reason).not.toContain(secret);
  });

  it("detects a stored secret JSON-escaped inside a string", () => {
    const secret = 'pa"ss\nword';
    const output = JSON.stringify({ env: { PASSWORD: secret } });
    expect(output).not.toContain(secret);
    const [r] = checkOutput([noSecrets()], { input: {}, output, secretValues: [secret] });
    expect(r?.verdict).toBe("block");
    expect(r?.reason).toBe("The output contains the value of a stored secret.");
  });

  it("ignores stored values shorter than four characters", () => {
    const [r] = checkOutput([noSecrets()], { input: {}, output: "abc def", secretValues: ["abc", ""] });
    expect(r?.verdict).toBe("pass");
  });

  it("runs on the side it names: output by default, input, or both", () => {
    const subject = { input: { prompt: `use ${fake.stripe}` }, output: "done", secretValues: [] };
    expect(checkInput([noSecrets()], subject)).toEqual([]);
    expect(checkInput([noSecrets({ on: "input" })], subject)).toEqual([
      { tag: "no-secrets", kind: "secrets", phase: "input", verdict: "block", reason: "The input contains what looks like a Stripe live key." },
    ]);
    expect(checkOutput([noSecrets({ on: "input" })], subject)).toEqual([]);
    expect(checkInput([noSecrets({ on: "both" })], subject).map((r) => r.verdict)).toEqual(["block"]);
    expect(checkOutput([noSecrets({ on: "both" })], subject).map((r) => r.verdict)).toEqual(["pass"]);
  });

  it("scans object keys as well as values", () => {
    const [r] = checkInput([noSecrets({ on: "input" })], { input: { [fake.aws]: true }, secretValues: [] });
    expect(r?.verdict).toBe("block");
  });
});

describe("maskCredentials", () => {
  it("replaces each credential format, keeping an assignment's name and quotes, and leaves other text alone", () => {
    const text = 'deploy with AKIAABCDEFGHIJKLMNOP and DB_PASSWORD = "hunter2hunter2" then ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok';
    expect(maskCredentials(text)).toBe('deploy with •••• and DB_PASSWORD = "••••" then •••• ok');
    expect(maskCredentials("nothing secret here")).toBe("nothing secret here");
  });
});
