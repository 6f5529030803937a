import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/log";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { clientIp } from "./client-ip";
import { verifyCredentials } from "./credentials";
import { externalProviders } from "./providers";
import { authSecret } from "./secret";
import { revokeSession } from "./sessions";

class TooManyAttempts extends CredentialsSignin {
  code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // Wrong passwords are expected; the audit log records them. Keep real errors.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      log.error({ err: error }, "auth error");
    },
    warn(code) {
      log.warn({ code }, "auth warning");
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const db = await getDb();
        try {
          const user = await verifyCredentials(db, credentials, {
            ip: clientIp(request.headers),
            requestId: request.headers.get("x-request-id") ?? undefined,
          });
          return user;
        } catch (err) {
          if (err instanceof AppError && err.code === "rate_limited") throw new TooManyAttempts();
          throw err;
        }
      },
    }),
    ...externalProviders(),
  ],
  callbacks: {
    jwt({ token, user }) {
      // A new sign-in gets its own session id, which sign-out revokes.
      if (user?.id) {
        token.uid = user.id;
        token.sid = crypto.randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && session.user) session.user.id = token.uid as string;
      if (token.sid) session.sid = token.sid as string;
      return session;
    },
    async signIn({ user, account }) {
      if (!account || account.type === "credentials") return true;
      // External accounts sign in to an existing, active user with the same email; no self sign-up.
      const db = await getDb();
      const email = user.email?.toLowerCase();
      const [row] = email ? await db.select().from(users).where(eq(users.email, email)).limit(1) : [];
      const ok = !!row && !row.deactivatedAt;
      await appendAudit(db, {
        actorId: row?.id ?? null,
        action: "auth.sign_in",
        targetType: "user",
        targetId: email ?? "",
        outcome: ok ? "success" : "failure",
        details: { provider: account.provider },
      });
      if (ok) user.id = row.id;
      return ok;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      const userId = (token?.uid as string | undefined) ?? null;
      const db = await getDb();
      if (typeof token?.sid === "string") {
        const expiresAt = new Date(((token.exp as number | undefined) ?? Date.now() / 1000 + 7 * 86400) * 1000);
        await revokeSession(db, { sid: token.sid, userId, expiresAt });
      }
      await appendAudit(db, { actorId: userId, action: "auth.sign_out", targetType: "user", targetId: userId ?? undefined });
    },
  },
}));
