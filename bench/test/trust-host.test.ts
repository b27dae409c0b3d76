/**
 * Hosting without AUTH_URL: Sesame trusts the request's host where Auth.js does, decided by @auth/core's
 * own `setEnvDefaults` from the same environment (issue 30, "VERCEL-style hosting"). Mailed links keep
 * needing AUTH_URL or allowedHosts: packages/sesame/test/security/email.test.ts.
 */
import { setEnvDefaults } from "@auth/core";
import { Auth } from "sesame-auth";
import Credentials from "sesame-auth/providers/credentials";
import { afterEach, describe, expect, test, vi } from "vitest";

const SECRET = "shared-secret-of-the-app-0123456789abcdef";
const PLATFORM = ["AUTH_URL", "NEXTAUTH_URL", "AUTH_TRUST_HOST", "VERCEL", "CF_PAGES"] as const;

afterEach(() => vi.unstubAllEnvs());

/** Whether Sesame serves its sign-in page from the request's host under `env` (it refuses an untrusted host). */
async function sesameTrusts(env: Record<string, string>): Promise<boolean> {
  for (const name of PLATFORM) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  // A new config object: a config is resolved, environment included, once per object.
  const config = { secret: SECRET, logger: { error: () => {} }, providers: [Credentials({ authorize: () => null })] };
  const response = await Auth(new Request("https://app.example.com/api/auth/signin", { headers: { "x-forwarded-host": "app.example.com" } }), config);
  return response.status === 200;
}

function authjsTrusts(env: Record<string, string>): boolean {
  const config: Parameters<typeof setEnvDefaults>[1] = { providers: [] };
  setEnvDefaults(env, config);
  return config.trustHost === true;
}

describe("trustHost from the environment, as Auth.js decides it", () => {
  const cases: Record<string, string>[] = [
    { NODE_ENV: "production" },
    { NODE_ENV: "production", VERCEL: "1" },
    { NODE_ENV: "production", CF_PAGES: "1" },
    { NODE_ENV: "production", AUTH_TRUST_HOST: "true" },
    { NODE_ENV: "production", AUTH_TRUST_HOST: "1" },
    { NODE_ENV: "development" },
    { NODE_ENV: "test" },
  ];
  for (const env of cases) {
    test(JSON.stringify(env), async () => {
      expect(await sesameTrusts(env)).toBe(authjsTrusts(env));
    });
  }

  test("unlike Auth.js, AUTH_TRUST_HOST=false means false, even on Vercel", async () => {
    const env = { NODE_ENV: "production", VERCEL: "1", AUTH_TRUST_HOST: "false" };
    expect(authjsTrusts(env)).toBe(true);
    expect(await sesameTrusts(env)).toBe(false);
  });
});
