import { z } from "zod";

/** Secret vocabulary and input schemas; free of the database so forms can share them. */

export const SECRET_SCOPES = ["team", "user"] as const;
export type SecretScope = (typeof SECRET_SCOPES)[number];

export const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const MAX_SECRET_LENGTH = 16_384;

const NAME_RULE = "A secret's name starts with a letter and holds only letters, digits and underscores, 64 at most (e.g. GITHUB_TOKEN).";

export const secretName = z
  .string({ error: "Name the secret, e.g. GITHUB_TOKEN." })
  .trim()
  .min(1, "Name the secret, e.g. GITHUB_TOKEN.")
  .regex(SECRET_NAME, NAME_RULE);

// Messages never quote the value: field errors travel back to the browser and into logs.
const secretValue = z
  .string({ error: "Enter the secret's value." })
  .min(1, "Enter the secret's value.")
  .max(MAX_SECRET_LENGTH, `A secret's value holds at most ${MAX_SECRET_LENGTH.toLocaleString("en")} characters.`);

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

const scope = z.enum(SECRET_SCOPES, { error: "Choose whose secret this is: “team” or “user”." });
const teamId = z.preprocess(blankToUndefined, z.string().optional());

/**
 * Where a secret lives: the actor's own (`user`) or a team's (`team`, which names the team). A team id sent
 * with the user scope is dropped, so one form can carry both fields.
 */
function checkScope<T extends { scope: SecretScope; teamId?: string }>(v: T, ctx: z.RefinementCtx): T {
  if (v.scope === "team" && !v.teamId) ctx.addIssue({ code: "custom", path: ["teamId"], message: "Choose the team this secret belongs to." });
  return v.scope === "user" ? { ...v, teamId: undefined } : v;
}

export const setSecretInput = z.object({ scope, teamId, name: secretName, value: secretValue }).transform(checkScope);
export type SetSecretInput = z.input<typeof setSecretInput>;

export const listSecretsInput = z.object({ scope, teamId }).transform(checkScope);
export type ListSecretsInput = z.input<typeof listSecretsInput>;

export const deleteSecretInput = z.object({ scope, teamId, name: secretName }).transform(checkScope);
export type DeleteSecretInput = z.input<typeof deleteSecretInput>;

/** A secret as pages and API answers show it: never its value or ciphertext. */
export type SecretView = {
  name: string;
  scope: SecretScope;
  teamId: string | null;
  updatedAt: string;
  updatedByName: string | null;
};

/** One owner's secrets as the settings page shows them, and whether the actor may change them. */
export type SecretGroup = { scope: SecretScope; teamId: string | null; label: string; canManage: boolean; secrets: SecretView[] };
