import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/db/data-dir";

/**
 * AES-256-GCM for secrets stored at rest (webhook secrets, LLM API keys). GCM authenticates as well as
 * encrypts, so a changed or foreign value fails loudly instead of decrypting to garbage.
 * No `server-only` guard: the worker (`npm run worker`, plain Node) decrypts too.
 */

const ALGORITHM = "aes-256-gcm";
const PREFIX = "v1:";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_FILE = "secret.key";
const HOW_TO_MAKE =
  "write 32 random bytes as 64 hex digits or as base64 (for example the output of “openssl rand -base64 32”)";

// Configuration read once, like the environment it comes from; not state that instances must share.
let cachedKey: Buffer | undefined;

function checkKey(key: Buffer): Buffer {
  if (key.length !== KEY_BYTES) {
    throw new Error(`A secret key must be ${KEY_BYTES} bytes; this one is ${key.length}.`);
  }
  return key;
}

/** Reads a 32-byte key written as hex or base64; `source` names where it came from. Never echoes the value. */
export function parseSecretKey(text: string, source: string): Buffer {
  const value = text.trim();
  let key: Buffer;
  if (/^[0-9a-f]{64}$/i.test(value)) key = Buffer.from(value, "hex");
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) key = Buffer.from(value, "base64");
  else throw new Error(`${source} is neither hex nor base64; ${HOW_TO_MAKE}.`);
  if (key.length !== KEY_BYTES) {
    throw new Error(`${source} holds ${key.length} bytes, not ${KEY_BYTES}; ${HOW_TO_MAKE}.`);
  }
  return key;
}

/**
 * Creates the key file once. Written aside and hard-linked into place, so two processes starting together
 * agree on one key: the second link fails and that process reads the first one's file.
 */
function loadOrCreateKeyFile(dir: string): Buffer {
  const file = path.join(dir, KEY_FILE);
  const source = `The key file ${file}`;
  const restore = " Restore it from a backup: without it the stored secrets cannot be read.";
  try {
    return parseSecretKey(readFileSync(file, "utf8"), source);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === undefined) throw new Error(`${(err as Error).message}${restore}`);
    if (code !== "ENOENT") throw err;
  }
  const key = randomBytes(KEY_BYTES);
  const temp = path.join(dir, `${KEY_FILE}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  writeFileSync(temp, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temp, file);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return parseSecretKey(readFileSync(file, "utf8"), source);
  } finally {
    unlinkSync(temp);
  }
}

/**
 * The instance key: TANDEM_SECRET_KEY (base64 or hex of 32 bytes; anything else is a clear startup error),
 * else a key generated once into <dataDir>/secret.key (mode 0600) and reused.
 */
export function secretKey(): Buffer {
  if (cachedKey) return cachedKey;
  const fromEnv = process.env.TANDEM_SECRET_KEY;
  cachedKey = fromEnv?.trim() ? parseSecretKey(fromEnv, "TANDEM_SECRET_KEY") : loadOrCreateKeyFile(dataDir());
  return cachedKey;
}

/** Forgets the cached key so a test can change TANDEM_SECRET_KEY or TANDEM_DATA_DIR. */
export function resetSecretKeyCacheForTests(): void {
  cachedKey = undefined;
}

/** Encrypts a secret for storage: "v1:" + base64url(iv 12 bytes | tag 16 | ciphertext). */
export function encryptSecret(plaintext: string, key: Buffer = secretKey()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, checkKey(key), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

function cannotDecrypt(why: string): Error {
  return new Error(`Cannot decrypt a stored secret: ${why}.`);
}

/**
 * Decrypts a value from encryptSecret; a tampered or foreign value throws "cannot decrypt …" (never returns
 * garbage).
 */
export function decryptSecret(stored: string, key: Buffer = secretKey()): string {
  if (!stored.startsWith(PREFIX)) {
    throw cannotDecrypt(`it does not start with “${PREFIX}”, so encryptSecret did not write it`);
  }
  const encoded = stored.slice(PREFIX.length);
  const bytes = Buffer.from(encoded, "base64url");
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || bytes.length < IV_BYTES + TAG_BYTES) {
    throw cannotDecrypt("it is cut short or not base64url");
  }
  const decipher = createDecipheriv(ALGORITHM, checkKey(key), bytes.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw cannotDecrypt(
      "it was altered, or encrypted with another key (every process must use the same TANDEM_SECRET_KEY or secret.key)",
    );
  }
}
