/**
 * Issue 28, items 12 and 13: no credential reaches a log line, and no sibling subdomain can toss a session
 * cookie. Real `Auth()`, a real (deliberately broken) OAuth provider over HTTP, a real SQLite database.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import type { SesameConfig } from "../../src/index.js";
import { OAuth } from "../../src/providers/oauth.js";
import { OAuthBrowser } from "../oauth/browser.js";
import { APP_ORIGIN } from "../oauth/op.js";
import { SECRET } from "../helpers.js";

// Recognisable values: if any of them shows up in a log line, a credential leaked.
const LEAKS = {
  accessToken: "AT-leak-5b0c1d2e3f4a",
  refreshToken: "RT-leak-6c1d2e3f4a5b",
  idToken: "eyJhbGciOiJSUzI1NiIsImtpZCI6ImxlYWsifQ.eyJzdWIiOiJsZWFrLXN1YmplY3QifQ.bGVhay1zaWduYXR1cmUtN2QyZTNm",
  code: "CODE-leak-7d2e3f4a5b6c",
  clientSecret: "client-secret-leak-8e3f4a5b6c7d-0123456789",
};

/**
 * An OAuth provider whose token endpoint answers a response oauth4webapi rejects (`scope` as an array, as
 * some providers do), carrying real-looking tokens. Its authorization endpoint approves at once.
 */
async function brokenProvider(): Promise<{ base: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://provider");
    if (url.pathname === "/authorize") {
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", LEAKS.code);
      back.searchParams.set("state", url.searchParams.get("state")!);
      response.writeHead(302, { location: back.href }).end();
      return;
    }
    if (url.pathname === "/token") {
      response.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          access_token: LEAKS.accessToken,
          refresh_token: LEAKS.refreshToken,
          id_token: LEAKS.idToken,
          token_type: "Bearer",
          expires_in: 3600,
          scope: ["openid", "email"],
        }),
      );
      return;
    }
    response.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Everything written to the console, as the console would print it (nested causes included). */
function captureConsole(): string[] {
  const lines: string[] = [];
  for (const method of ["error", "warn", "debug", "info", "log"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((arg) => (typeof arg === "string" ? arg : inspect(arg, { depth: Infinity, showHidden: true }))).join(" "));
    });
  }
  return lines;
}

function expectNoLeak(lines: string[]) {
  const text = lines.join("\n");
  for (const [what, value] of Object.entries(LEAKS)) expect(text, `${what} leaked into a log line`).not.toContain(value);
}

describe("item 12: no token, code or secret reaches a log line", () => {
  let provider: { base: string; server: Server };
  beforeAll(async () => {
    provider = await brokenProvider();
  });
  afterAll(() => new Promise<void>((resolve) => provider.server.close(() => resolve())));
  afterEach(() => vi.restoreAllMocks());

  const appConfig = (overrides: Partial<SesameConfig> = {}): SesameConfig => ({
    secret: SECRET,
    trustHost: true,
    providers: [
      OAuth({
        id: "leaky",
        name: "Leaky",
        clientId: "leaky-client",
        clientSecret: LEAKS.clientSecret,
        authorization: `${provider.base}/authorize`,
        token: `${provider.base}/token`,
        userinfo: `${provider.base}/me`,
        allowInsecureRequests: true,
      }),
    ],
    ...overrides,
  });

  async function rejectedSignIn(config: SesameConfig): Promise<void> {
    const browser = new OAuthBrowser(config);
    const { response, callback } = await browser.signInWith("leaky");
    // The provider did answer with the code, and the sign-in failed on its malformed token response.
    expect(callback?.searchParams.get("code")).toBe(LEAKS.code);
    expect(response.headers.get("location")).toContain("error=OAuthCallbackError");
    expect(await response.text()).not.toContain(LEAKS.accessToken);
  }

  test("[V7.1.1][V8.3.4][RFC 9700 §4.14] a rejected token response (scope as an array) is logged by the default logger without any of its tokens", async () => {
    const lines = captureConsole();
    await rejectedSignIn(appConfig({ debug: true }));
    // The failure itself is logged, with what was wrong: only the credentials are gone.
    expect(lines.join("\n")).toContain("OAuthCallbackError");
    expect(lines.join("\n")).toContain("scope");
    expectNoLeak(lines);
  });

  test("[V7.1.1][V8.3.4] the app's own logger is handed redacted errors: no token in message, fields or cause chain", async () => {
    const lines = captureConsole();
    const received: unknown[] = [];
    const logger = {
      error: (error: Error) => received.push(error),
      warn: (code: string, message: string) => received.push(code, message),
      debug: (message: string, meta?: unknown) => received.push(message, meta),
    };
    await rejectedSignIn(appConfig({ logger }));
    const errors = received.filter((item): item is Error => item instanceof Error);
    expect(errors.map((e) => e.name)).toContain("OAuthCallbackError");
    // Every level of the cause chain, printed the way a logging service would serialise it.
    const serialised = received.map((item) => inspect(item, { depth: Infinity, showHidden: true }));
    for (let error: unknown = errors[0]; error instanceof Error; error = error.cause) {
      serialised.push(JSON.stringify(Object.entries(error)), String(error.stack));
    }
    expectNoLeak([...serialised, ...lines]);
  });
});
