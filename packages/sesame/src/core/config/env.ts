/**
 * What the configuration takes from the environment: the secrets, the app's URL, whether to trust the Host
 * header, production mode, and OAuth client credentials. Read where there is a `process.env`, without
 * importing Node, so the same code runs on Edge runtimes and Workers.
 */
import { InvalidConfiguration, InvalidSecret, MissingSecret } from "../errors.js";
import type { OAuthProvider } from "../provider/oauth.js";

export type Env = Record<string, string | undefined>;

export const MIN_SECRET_LENGTH = 32;

/** `process.env` where there is one (Node, Next.js, Workers with nodejs_compat), without importing Node. */
export function readEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

/** The secrets from the config or the environment, checked. `AUTH_SECRET_1…` add older secrets for rotation. */
export function resolveSecrets(secret: string | string[] | undefined, env: Env = readEnv()): string[] {
  const fromEnv = [env.AUTH_SECRET ?? env.NEXTAUTH_SECRET, env.AUTH_SECRET_1, env.AUTH_SECRET_2, env.AUTH_SECRET_3];
  const secrets = (secret === undefined ? fromEnv : Array.isArray(secret) ? secret : [secret]).filter(
    (s): s is string => typeof s === "string" && s.length > 0,
  );
  if (secrets.length === 0) throw new MissingSecret();
  for (const s of secrets) {
    if (s.length < MIN_SECRET_LENGTH) {
      throw new InvalidSecret(
        `The secret is ${s.length} characters long; it must be at least ${MIN_SECRET_LENGTH}. ` +
          "Generate one with `npx sesame-auth secret` and set it as AUTH_SECRET.",
      );
    }
  }
  return secrets;
}

/** `AUTH_URL` (or `NEXTAUTH_URL`), the app's public URL, when set. */
export function authUrlOf(env: Env): URL | undefined {
  const rawUrl = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (!rawUrl) return undefined;
  try {
    return new URL(rawUrl);
  } catch {
    throw new InvalidConfiguration(`AUTH_URL is not a valid URL: ${JSON.stringify(rawUrl)}.`);
  }
}

export function isProduction(env: Env): boolean {
  return env.NODE_ENV === "production";
}

/**
 * Platforms whose edge answers every request itself and sets `Host` / `X-Forwarded-Host` to the host it
 * served, whatever the client sent: the variables Auth.js reads (`setEnvDefaults` in @auth/core) to trust the
 * host there. Vercel sets `VERCEL=1`, Cloudflare Pages `CF_PAGES=1`, in every deployment.
 */
const TRUSTED_PLATFORM_VARIABLES = ["VERCEL", "CF_PAGES"] as const;

/**
 * Whether the Host / X-Forwarded-Host headers are trusted, where Auth.js trusts them: `AUTH_TRUST_HOST=true`
 * (or `1`), on Vercel or Cloudflare Pages, and outside production. Unlike Auth.js, `AUTH_TRUST_HOST=false` (or
 * `0`) means false, and overrides the platform. Links mailed to users never rest on this alone: see
 * link-origin.ts (`AUTH_URL` or `allowedHosts`).
 */
export function trustHostOf(env: Env): boolean {
  const explicit = env.AUTH_TRUST_HOST?.trim().toLowerCase();
  if (explicit === "true" || explicit === "1") return true;
  if (explicit === "false" || explicit === "0") return false;
  return TRUSTED_PLATFORM_VARIABLES.some((name) => Boolean(env[name])) || !isProduction(env);
}

/** Fills `clientId`, `clientSecret` and `issuer` from `AUTH_<ID>_ID`, `_SECRET`, `_ISSUER`, as Auth.js does. */
export function withEnvironmentCredentials(provider: OAuthProvider, env: Env): OAuthProvider {
  const prefix = `AUTH_${provider.id.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
  const resolved = {
    ...provider,
    clientId: provider.clientId ?? env[`${prefix}_ID`],
    clientSecret: provider.clientSecret ?? env[`${prefix}_SECRET`],
    issuer: provider.issuer ?? env[`${prefix}_ISSUER`],
  };
  if (!resolved.clientId) {
    throw new InvalidConfiguration(`Provider "${provider.id}" has no client id: set ${prefix}_ID (and ${prefix}_SECRET) or pass \`clientId\`.`);
  }
  if (resolved.type === "oidc" && !resolved.issuer && !resolved.wellKnown) {
    throw new InvalidConfiguration(`OpenID Connect provider "${provider.id}" needs an issuer: set ${prefix}_ISSUER or pass \`issuer\`.`);
  }
  return resolved;
}
