import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { decryptSecret, encryptSecret, parseSecretKey, resetSecretKeyCacheForTests, secretKey } from "./crypto";

const key = randomBytes(32);

/** The stored value with one byte of its decoded form flipped at `index`. */
function flipByte(stored: string, index: number): string {
  const bytes = Buffer.from(stored.slice(3), "base64url");
  bytes[index]! ^= 0x01;
  return `v1:${bytes.toString("base64url")}`;
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips any text, empty and non-ASCII included", () => {
    for (const text of ["whsec_abc123", "", "clé “secrète” 🔑", "x".repeat(10_000)]) {
      expect(decryptSecret(encryptSecret(text, key), key)).toBe(text);
    }
  });

  it("writes v1: and base64url of iv | tag | ciphertext, without the plaintext", () => {
    const stored = encryptSecret("hunter2", key);
    expect(stored).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(Buffer.from(stored.slice(3), "base64url").length).toBe(12 + 16 + "hunter2".length);
    expect(stored).not.toContain("hunter2");
  });

  it("uses a fresh IV each time, so equal secrets do not look equal", () => {
    const a = encryptSecret("same", key);
    const b = encryptSecret("same", key);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(3), "base64url").subarray(0, 12)).not.toEqual(
      Buffer.from(b.slice(3), "base64url").subarray(0, 12),
    );
  });

  it("detects a change to the IV, the tag or the ciphertext", () => {
    const stored = encryptSecret("payload", key);
    for (const index of [0, 11, 12, 27, 28, 34]) {
      expect(() => decryptSecret(flipByte(stored, index), key)).toThrow(/cannot decrypt/i);
    }
  });

  it("refuses a value cut short, not base64url, or without the v1 prefix", () => {
    const stored = encryptSecret("payload", key);
    expect(() => decryptSecret(stored.slice(0, 20), key)).toThrow(/cannot decrypt.*cut short/i);
    expect(() => decryptSecret(stored.slice(0, -2), key)).toThrow(/cannot decrypt/i);
    expect(() => decryptSecret(`${stored}!`, key)).toThrow(/cannot decrypt/i);
    expect(() => decryptSecret("payload", key)).toThrow(/cannot decrypt.*“v1:”/i);
    expect(() => decryptSecret(`v2:${stored.slice(3)}`, key)).toThrow(/cannot decrypt/i);
  });

  it("refuses a value encrypted with another key, and says every process needs the same key", () => {
    const stored = encryptSecret("payload", randomBytes(32));
    expect(() => decryptSecret(stored, key)).toThrow(/cannot decrypt.*another key.*TANDEM_SECRET_KEY/i);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => encryptSecret("x", randomBytes(16))).toThrow("A secret key must be 32 bytes; this one is 16.");
    expect(() => decryptSecret(encryptSecret("x", key), randomBytes(31))).toThrow(/32 bytes/);
  });
});

describe("parseSecretKey", () => {
  it("reads 64 hex digits, base64 and base64url", () => {
    expect(parseSecretKey(key.toString("hex"), "K")).toEqual(key);
    expect(parseSecretKey(key.toString("hex").toUpperCase(), "K")).toEqual(key);
    expect(parseSecretKey(`${key.toString("base64")}\n`, "K")).toEqual(key);
    expect(parseSecretKey(key.toString("base64url"), "K")).toEqual(key);
  });

  it("refuses another length or encoding, says how to make a key, and never echoes the value", () => {
    const short = randomBytes(16).toString("base64");
    expect(() => parseSecretKey(short, "TANDEM_SECRET_KEY")).toThrow(
      /^TANDEM_SECRET_KEY holds 16 bytes, not 32; .*openssl rand -base64 32/,
    );
    expect(() => parseSecretKey("a".repeat(63), "K")).toThrow(/holds \d+ bytes, not 32/);
    let message = "";
    try {
      parseSecretKey("not a key: hunter2!", "TANDEM_SECRET_KEY");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^TANDEM_SECRET_KEY is neither hex nor base64/);
    expect(message).not.toContain("hunter2");
  });
});

describe("secretKey", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "tandem-secret-"));
    vi.stubEnv("TANDEM_DATA_DIR", dir);
    vi.stubEnv("TANDEM_SECRET_KEY", "");
    resetSecretKeyCacheForTests();
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    resetSecretKeyCacheForTests();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes TANDEM_SECRET_KEY when it is set, and writes no key file", () => {
    vi.stubEnv("TANDEM_SECRET_KEY", key.toString("hex"));
    expect(secretKey()).toEqual(key);
    expect(() => statSync(path.join(dir, "secret.key"))).toThrow();
  });

  it("fails clearly on a TANDEM_SECRET_KEY of the wrong length", () => {
    vi.stubEnv("TANDEM_SECRET_KEY", randomBytes(24).toString("base64"));
    expect(() => secretKey()).toThrow(/TANDEM_SECRET_KEY holds 24 bytes, not 32/);
  });

  it("generates a key file once, readable by the owner only, and reuses it", () => {
    const first = secretKey();
    const file = path.join(dir, "secret.key");
    expect(first.length).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.toString("base64"));
    const stored = encryptSecret("webhook secret");

    resetSecretKeyCacheForTests();
    expect(secretKey()).toEqual(first);
    expect(decryptSecret(stored)).toBe("webhook secret");
  });

  it("keeps the key it read until the cache is reset", () => {
    const first = secretKey();
    vi.stubEnv("TANDEM_SECRET_KEY", key.toString("hex"));
    expect(secretKey()).toEqual(first);
    resetSecretKeyCacheForTests();
    expect(secretKey()).toEqual(key);
  });

  it("refuses a damaged key file instead of replacing it", () => {
    writeFileSync(path.join(dir, "secret.key"), "garbage!\n");
    expect(() => secretKey()).toThrow(/secret\.key is neither hex nor base64.*Restore it from a backup/);
    expect(readFileSync(path.join(dir, "secret.key"), "utf8")).toBe("garbage!\n");
  });
});
