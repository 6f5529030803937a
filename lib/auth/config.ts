import type { NextAuthConfig } from "next-auth";

/** The part of the auth configuration that needs no database, shared by the proxy and the server. */
export const baseAuthConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [],
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
  },
  logger: {
    // Wrong passwords are expected; the audit log records them. Keep real errors.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
} satisfies NextAuthConfig;
