import { z } from "zod";

/** The lifetimes a token can be given, in days; null means it never expires. */
export const TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
export type TokenExpiryDays = (typeof TOKEN_EXPIRY_DAYS)[number];

const expiry = z.literal(TOKEN_EXPIRY_DAYS, { error: "Choose 7, 30, 90 or 365 days, or no expiry." });

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token, e.g. after the script that uses it.").max(100, "Keep the name under 100 characters."),
  /** A form's select sends text: "never" (or empty) means no expiry. Omitted means 30 days. */
  expiresInDays: z
    .preprocess(
      (v) => (v === "" || v === "never" ? null : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
      expiry.nullable(),
    )
    .optional()
    .default(30),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

export const revokeApiTokenInput = z.object({ id: z.string().min(1, "Choose a token to revoke.") });
export type RevokeApiTokenInput = z.input<typeof revokeApiTokenInput>;

/** A token as the settings page shows it: never the secret, which exists only at creation. */
export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
