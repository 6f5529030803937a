import bcrypt from "bcryptjs";

/** bcrypt cost; tests lower it through TANDEM_BCRYPT_COST to stay fast. */
function cost(): number {
  const n = Number(process.env.TANDEM_BCRYPT_COST);
  return Number.isInteger(n) && n >= 4 && n <= 15 ? n : 12;
}

/** Hashes a password for storage. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost());
}

// Compared against when the account does not exist, so the answer takes as long either way.
// Made at the configured cost, once per process.
let dummyHash: Promise<string> | undefined;

/** Checks a password against a stored hash (or a dummy one, in equal time, when there is none). */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? (await (dummyHash ??= hashPassword("no account"))));
  return ok && !!hash;
}
