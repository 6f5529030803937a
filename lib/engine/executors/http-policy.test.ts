import { describe, expect, it } from "vitest";
import { checkUrl, httpPolicyFromEnv, isHostAllowed, redirectTarget } from "./http-policy";
import { TaskError } from "./types";

function allowed(url: string, ...allowHosts: string[]): boolean {
  return isHostAllowed(new URL(url), allowHosts);
}

function refusal(fn: () => unknown): TaskError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TaskError) return err;
    throw err;
  }
  throw new Error("expected a TaskError");
}

describe("httpPolicyFromEnv", () => {
  it("reads the allow-list and limits, with defaults", () => {
    expect(httpPolicyFromEnv({})).toEqual({
      allowHosts: [],
      maxResponseBytes: 1024 * 1024,
      timeoutMs: 30_000,
      maxRedirects: 5,
    });
    expect(
      httpPolicyFromEnv({
        TANDEM_HTTP_ALLOW_HOSTS: " api.example.com, *.hooks.example.org ,,localhost:8080 ",
        TANDEM_HTTP_MAX_RESPONSE_BYTES: "2048",
        TANDEM_HTTP_TIMEOUT_MS: "1500",
      }),
    ).toEqual({
      allowHosts: ["api.example.com", "*.hooks.example.org", "localhost:8080"],
      maxResponseBytes: 2048,
      timeoutMs: 1500,
      maxRedirects: 5,
    });
  });

  it("refuses a limit that is not a positive whole number, naming the variable", () => {
    expect(() => httpPolicyFromEnv({ TANDEM_HTTP_TIMEOUT_MS: "30s" })).toThrow(/TANDEM_HTTP_TIMEOUT_MS is “30s”/);
    expect(() => httpPolicyFromEnv({ TANDEM_HTTP_MAX_RESPONSE_BYTES: "0" })).toThrow(/greater than 0/);
  });
});

describe("isHostAllowed", () => {
  it("refuses everything when the list is empty", () => {
    expect(allowed("https://api.example.com/")).toBe(false);
  });

  it("matches a host on any port, and host:port on that port only (the scheme's default counts)", () => {
    expect(allowed("https://api.example.com/x", "api.example.com")).toBe(true);
    expect(allowed("http://api.example.com:8080/x", "api.example.com")).toBe(true);
    expect(allowed("http://api.example.com:8080/", "api.example.com:8080")).toBe(true);
    expect(allowed("http://api.example.com:8081/", "api.example.com:8080")).toBe(false);
    expect(allowed("https://api.example.com/", "api.example.com:443")).toBe(true);
    expect(allowed("http://api.example.com/", "api.example.com:443")).toBe(false);
  });

  it("does not match other hosts that merely contain the entry", () => {
    expect(allowed("https://api.example.com.evil.test/", "api.example.com")).toBe(false);
    expect(allowed("https://evilapi.example.com/", "api.example.com")).toBe(false);
    expect(allowed("https://sub.api.example.com/", "api.example.com")).toBe(false);
  });

  it("matches *.domain on subdomains only, never the domain itself or a look-alike", () => {
    expect(allowed("https://a.example.com/", "*.example.com")).toBe(true);
    expect(allowed("https://a.b.example.com/", "*.example.com")).toBe(true);
    expect(allowed("https://example.com/", "*.example.com")).toBe(false);
    expect(allowed("https://badexample.com/", "*.example.com")).toBe(false);
    expect(allowed("https://a.example.com:8443/", "*.example.com:8443")).toBe(true);
    expect(allowed("https://a.example.com/", "*.example.com:8443")).toBe(false);
  });

  it("never lets a wildcard match an IP address", () => {
    expect(allowed("http://127.0.0.1/", "*.0.0.1")).toBe(false);
    expect(allowed("http://10.0.0.1/", "*.0.1")).toBe(false);
  });

  it("compares case-insensitively and ignores a trailing dot", () => {
    expect(allowed("https://API.Example.COM/", "api.example.com")).toBe(true);
    expect(allowed("https://api.example.com/", "API.EXAMPLE.com")).toBe(true);
    expect(allowed("https://a.EXAMPLE.com/", "*.Example.Com")).toBe(true);
    expect(allowed("https://api.example.com./", "api.example.com")).toBe(true);
  });

  it("compares IP addresses in their canonical form, IPv6 included", () => {
    expect(allowed("http://2130706433/", "127.0.0.1")).toBe(true);
    expect(allowed("http://[0:0:0:0:0:0:0:1]:8080/", "[::1]:8080")).toBe(true);
    expect(allowed("http://[::1]:9000/", "::1")).toBe(true);
    expect(allowed("http://[::1]:9000/", "[::1]:8080")).toBe(false);
  });

  it("ignores an entry it cannot read, and a bare * allows nothing", () => {
    expect(allowed("https://api.example.com/", "*")).toBe(false);
    expect(allowed("https://api.example.com/", "api.example.com:http")).toBe(false);
  });
});

describe("checkUrl", () => {
  const policy = { allowHosts: ["api.example.com"] };

  it("returns the parsed URL of an allowed host", () => {
    expect(checkUrl("https://api.example.com/v1?q=1", policy).href).toBe("https://api.example.com/v1?q=1");
  });

  it("refuses an unparsable URL, naming it, without retrying", () => {
    const err = refusal(() => checkUrl("api.example.com/v1", policy));
    expect(err.message).toContain("“api.example.com/v1” is not a valid URL");
    expect(err.retryable).toBe(false);
  });

  it("refuses schemes other than http and https", () => {
    expect(refusal(() => checkUrl("file:///etc/passwd", policy)).message).toContain("“file:”");
    expect(refusal(() => checkUrl("ftp://api.example.com/", policy)).retryable).toBe(false);
  });

  it("refuses credentials in the URL and says where they belong", () => {
    expect(refusal(() => checkUrl("https://u:p@api.example.com/", policy)).message).toContain("Authorization header");
  });

  it("refuses a host that is not on the allow-list and says who can add it", () => {
    const err = refusal(() => checkUrl("https://internal.example.com:8443/admin", policy));
    expect(err.message).toBe(
      "internal.example.com:8443 is not on the allow-list; an administrator can add it to TANDEM_HTTP_ALLOW_HOSTS.",
    );
    expect(err.retryable).toBe(false);
  });
});

describe("redirectTarget", () => {
  const policy = { allowHosts: ["api.example.com"] };
  const from = new URL("https://api.example.com/v1/items");

  it("follows a relative or absolute Location on the same host", () => {
    expect(redirectTarget(from, "/v2/items", policy).href).toBe("https://api.example.com/v2/items");
    expect(redirectTarget(from, "next", policy).href).toBe("https://api.example.com/v1/next");
    expect(redirectTarget(new URL("http://api.example.com/"), "https://api.example.com/", policy).protocol).toBe(
      "https:",
    );
  });

  it("refuses another host, naming it", () => {
    const err = refusal(() => redirectTarget(from, "https://other.example/x", policy));
    expect(err.message).toContain("redirected to other.example, which is not followed");
    expect(err.retryable).toBe(false);
  });

  it("refuses another port the allow-list does not admit", () => {
    const pinned = { allowHosts: ["api.example.com:443"] };
    expect(refusal(() => redirectTarget(from, "https://api.example.com:8443/", pinned)).message).toContain(
      "redirected to api.example.com:8443",
    );
  });

  it("refuses a downgrade from https to http and other schemes", () => {
    expect(refusal(() => redirectTarget(from, "http://api.example.com/", policy)).message).toContain("plain http");
    expect(refusal(() => redirectTarget(from, "file:///etc/passwd", policy)).message).toContain("redirected to file:");
  });

  it("refuses a redirect without a Location", () => {
    expect(refusal(() => redirectTarget(from, null, policy)).message).toContain("without a Location header");
  });
});
