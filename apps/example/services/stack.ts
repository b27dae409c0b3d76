/**
 * Everything the example app talks to, started in this process: the sample backend, the OpenID Provider
 * and the mail catcher, plus the database migrated and seeded. Returns the environment to start Next.js
 * with. `npm start` uses it, and so do the browser tests.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { startBackend, type Backend } from "sesame-example-backend";
import { migrateAndSeed } from "../lib/seed";
import { openStorage } from "../lib/storage";
import { startMailCatcher, type MailCatcher } from "./mail-catcher";
import { OIDC_CLIENT_ID, startOpenIdProvider, type OpenIdProvider } from "./openid-provider";

export interface StackOptions {
  /** Where the app will be reached (the OpenID Provider's redirect URI). */
  appUrl: string;
  /** Seconds the backend's access tokens live. Default: 60, so refreshes happen while you watch. */
  accessTtl?: number;
  /** Environment for the app on top of `process.env`: DATABASE_URL, REDIS_URL, SESSION_MAX_AGE, … */
  env?: Record<string, string>;
  /** Where `AUTH_SECRET` is kept between runs when the environment has none. */
  secretFile?: string;
}

export interface Stack {
  backend: Backend;
  openIdProvider: OpenIdProvider;
  mail: MailCatcher;
  /** The environment to start the app with. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A secret kept in a file, so restarting the demo does not sign everyone out. */
function persistentSecret(file: string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export async function startStack({ appUrl, accessTtl = 60, env: overrides = {}, secretFile = ".data/auth-secret" }: StackOptions): Promise<Stack> {
  const base = { ...(process.env as Record<string, string>), ...overrides };
  const storage = openStorage(base);
  try {
    await migrateAndSeed(storage);
  } finally {
    await storage.db.destroy();
  }
  const backend = await startBackend({ accessTtl });
  const openIdProvider = await startOpenIdProvider({ appUrl });
  const mail = await startMailCatcher();
  const env: Record<string, string> = {
    ...base,
    AUTH_SECRET: base.AUTH_SECRET ?? persistentSecret(secretFile),
    AUTH_URL: appUrl,
    BACKEND_URL: backend.url,
    OIDC_ISSUER: openIdProvider.issuer,
    OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: openIdProvider.clientSecret,
    EMAIL_SERVER: mail.smtpUrl,
    INBOX_URL: mail.inboxUrl,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  return {
    backend,
    openIdProvider,
    mail,
    env,
    async close() {
      await Promise.all([backend.close(), openIdProvider.close(), mail.close()]);
    },
  };
}
