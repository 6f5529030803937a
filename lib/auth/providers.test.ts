import { describe, expect, it } from "vitest";
import { externalProviderIds } from "./providers";

describe("external sign-in providers", () => {
  it("are off unless every variable they need is set", () => {
    expect(externalProviderIds({})).toEqual([]);
    expect(externalProviderIds({ AUTH_GITHUB_ID: "id" })).toEqual([]);
    expect(externalProviderIds({ AUTH_OIDC_ISSUER: "https://idp.example", AUTH_OIDC_ID: "x" })).toEqual([]);
  });

  it("turn on GitHub and a named OIDC provider from the environment", () => {
    expect(
      externalProviderIds({
        AUTH_GITHUB_ID: "id",
        AUTH_GITHUB_SECRET: "secret",
        AUTH_OIDC_ISSUER: "https://idp.example",
        AUTH_OIDC_ID: "tandem",
        AUTH_OIDC_SECRET: "s",
        AUTH_OIDC_NAME: "Acme SSO",
      }),
    ).toEqual([
      { id: "github", name: "GitHub" },
      { id: "oidc", name: "Acme SSO" },
    ]);
  });
});
