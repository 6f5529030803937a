import type { NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";

type Env = Record<string, string | undefined>;

/** External sign-in providers, each enabled only when its environment variables are all set. */
export function externalProviders(env: Env = process.env): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    list.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME ?? "Single sign-on",
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
    });
  }
  return list;
}

/** Ids and names of the enabled external providers, for the sign-in page's buttons. */
export function externalProviderIds(env: Env = process.env): { id: string; name: string }[] {
  return externalProviders(env).map((p) => {
    const c = typeof p === "function" ? p() : p;
    return { id: c.id, name: c.name };
  });
}
