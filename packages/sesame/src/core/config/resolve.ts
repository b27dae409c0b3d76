/**
 * The options resolved into the form the routes use: every default filled in and every value checked here,
 * once per config object (not per request), so nothing further down falls back on a default of its own.
 */
import { resolveAccounts, type ResolvedAccounts } from "./accounts.js";
import { resolveTwoFactor, type ResolvedTwoFactor } from "./two-factor.js";
import { resolvePasskeys, type ResolvedPasskeys } from "./passkeys.js";
import { resolveEmailCodes } from "./email-codes.js";
import { guardAdapter, type Adapter } from "../adapter.js";
import { authjsAdapterOf, fromAuthjsAdapter, isSesameAdapter, missingAuthjsMethods, type AuthjsAdapter, type ConfiguredAuthjsAdapter } from "../authjs-adapter.js";
import { resolveCookies, type CookieJar } from "../cookies/names.js";
import type { CodeLimits } from "../codes/options.js";
import { InvalidConfiguration } from "../errors.js";
import { keyRing, type KeyRing } from "../keys.js";
import type { OAuthProvider } from "../provider/oauth.js";
import type { Provider } from "../provider/provider.js";
import { DEFAULT_PER_IDENTIFIER, DEFAULT_PER_IP, type Limit, type RateLimitOptions } from "../rate-limit/options.js";
import { MemoryRateLimitStore, type RateLimitStore } from "../rate-limit/store.js";
import type { RevocationOptions, ResolvedRevocationOptions } from "../revocation/options.js";
import { RevocationState } from "../revocation/state.js";
import { tokenCodec, type TokenCodec } from "../token/codec.js";
import { MemoryRefreshCoordinator, type RefreshCoordinator } from "../upstream/coordinator.js";
import type { UpstreamTokens } from "../upstream/tokens.js";
import type { UpstreamTokenStore } from "../upstream/store.js";
import { defaultCallbacks, defaultLogger, redactingLogger } from "./callbacks.js";
import { authUrlOf, isProduction, readEnv, resolveSecrets, trustHostOf, withEnvironmentCredentials, type Env } from "./env.js";
import { assertSupportedOptions } from "./unsupported.js";
import type { Callbacks, EventCallbacks, Logger, PagesOptions, SesameConfig, SessionOptions, Theme, TokensOptions, Wire } from "./options.js";

/** The config after defaults and checks, shared by every request made with the same config object. */
export interface ResolvedConfig {
  providers: ReadonlyMap<string, Provider>;
  basePath: string;
  /** From `AUTH_URL` / `NEXTAUTH_URL`, when set: the public origin of the app. */
  authUrl: URL | undefined;
  trustHost: boolean;
  /** Proxies appending to `X-Forwarded-For` in front of the app; 0 means the header is not read. */
  trustedProxies: number;
  /** `allowedHosts`, lower-cased; undefined when not set. */
  allowedHosts: ReadonlySet<string> | undefined;
  /** `NODE_ENV === "production"` when the config was resolved. */
  production: boolean;
  useSecureCookies: boolean | undefined;
  session: {
    strategy: "jwt" | "database";
    maxAgeSeconds: number;
    /** At most `maxAgeSeconds`. */
    updateAgeSeconds: number;
    bearer: NonNullable<SessionOptions["bearer"]>;
    exposeUserId: boolean;
    exposeAuthentication: boolean;
  };
  /** The app's adapter, with every call time-limited and its failures reported as `AdapterError`. */
  adapter: Adapter | undefined;
  /** Email-and-password accounts, when there is a `Password()` provider. */
  accounts: ResolvedAccounts | undefined;
  /** Second factors, when `twoFactor` is configured. */
  twoFactor: ResolvedTwoFactor | undefined;
  /** Passkeys, when there is a `Passkey()` provider. */
  passkeys: ResolvedPasskeys | undefined;
  /** The limits of the one-time codes of each email provider that signs in by code, by provider id. */
  emailCodes: ReadonlyMap<string, CodeLimits>;
  /** This config's in-memory revocation state, when revocation is configured. */
  revocation: RevocationState | undefined;
  rateLimit: { store: RateLimitStore; perIp: Limit | false; perIdentifier: Limit | false; options: RateLimitOptions } | undefined;
  tokens: {
    refreshBufferSeconds: number;
    graceWindowSeconds: number;
    /** `timeoutSeconds` in the unit timers take. */
    timeoutMs: number;
    onRefreshError: NonNullable<TokensOptions["onRefreshError"]>;
    exposeAccessToken: boolean;
    coordinator: RefreshCoordinator;
    /** Refreshes under way in this process, by hash of the refresh token. */
    inflight: Map<string, Promise<UpstreamTokens>>;
    /** Where JWT sessions keep their upstream tokens, time-limited like the adapter; `undefined`: in the cookie. */
    store: UpstreamTokenStore | undefined;
  };
  callbacks: Callbacks;
  events: Partial<EventCallbacks>;
  pages: Partial<PagesOptions>;
  theme: Theme;
  logger: Logger;
  /** Encrypts and decrypts session tokens. */
  sessionCodec: TokenCodec;
  /** The app's secrets, first current; kept for reading legacy (NextAuth) cookies. */
  secrets: readonly string[];
  legacyCookies: boolean;
  /** The `wire` option, checked; undefined: decided by how the app mounts the handler (context.ts). */
  wire: Wire | undefined;
  /** Signs CSRF tokens. */
  csrfKeys: Promise<KeyRing>;
  /** Encrypts the short-lived state / PKCE / nonce cookie of an OAuth sign-in. */
  checksCodec: TokenCodec;
  cookies(secure: boolean): CookieJar;
}

export const DEFAULT_SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
export const DEFAULT_SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;
const DEFAULT_ADAPTER_TIMEOUT_SECONDS = 5;
const DEFAULT_REFRESH_BUFFER_SECONDS = 60;
const DEFAULT_GRACE_WINDOW_SECONDS = 60;
const DEFAULT_REFRESH_TIMEOUT_SECONDS = 10;
const DEFAULT_REVOCATION_MAX_STALENESS_SECONDS = 10;
const DEFAULT_REVOCATION_RECONCILE_INTERVAL_SECONDS = 30;
const DEFAULT_REVOCATION_START_TIMEOUT_SECONDS = 3;
export const SESSION_TOKEN_SALT = "sesame.session-token";
const CSRF_SALT = "sesame.csrf-token";
export const OAUTH_CHECKS_SALT = "sesame.oauth-checks";

const resolved = new WeakMap<SesameConfig, ResolvedConfig>();

export function resolveConfig(config: SesameConfig): ResolvedConfig {
  let result = resolved.get(config);
  if (!result) {
    result = buildConfig(config, readEnv());
    resolved.set(config, result);
  }
  return result;
}

function wireOf(wire: unknown): Wire | undefined {
  if (wire === undefined || wire === "v4" || wire === "v5") return wire;
  throw new InvalidConfiguration(`\`wire\` is the NextAuth client generation to answer like, "v4" or "v5"; got ${JSON.stringify(wire)}.`);
}

/** `tokens.store`, guarded like the adapter: a store that hangs or fails is an `AdapterError`, never a hung request. */
function tokenStore(config: SesameConfig, timeoutMs: number): UpstreamTokenStore | undefined {
  const store = config.tokens?.store;
  if (!store) return undefined;
  if (sessionStrategy(config) === "database") {
    throw new InvalidConfiguration(
      "`tokens.store` keeps the upstream tokens of JWT sessions; database sessions already keep them server-side, in the session. Remove `tokens.store`, or use `session.strategy: \"jwt\"`.",
    );
  }
  return guardAdapter(store, timeoutMs, "The token store");
}

/**
 * The config's adapter as Sesame's `Adapter`: an Auth.js adapter is translated, after checking that it has
 * the methods the config's sign-in methods and sessions need (Auth.js makes every one optional).
 */
function sesameAdapter(config: SesameConfig, given: Adapter | AuthjsAdapter | ConfiguredAuthjsAdapter, maxAgeSeconds: number, secrets: readonly string[]): Adapter {
  if (isSesameAdapter(given)) return given;
  const { adapter, options } = authjsAdapterOf(given);
  const providers = config.providers ?? [];
  const missing = new Set([
    ...(providers.some((p) => p.type !== "credentials") ? missingAuthjsMethods(adapter, "users") : []),
    ...(sessionStrategy(config) === "database" ? missingAuthjsMethods(adapter, "sessions") : []),
    ...(providers.some((p) => p.type === "email") ? missingAuthjsMethods(adapter, "email") : []),
  ]);
  if (missing.size) {
    throw new InvalidConfiguration(`The adapter lacks ${[...missing].map((name) => `\`${name}\``).join(", ")}, which this configuration needs (its providers and session strategy).`);
  }
  // The store's calls happen inside the adapter's, which `guardAdapter` limits in time and reports as AdapterError.
  return fromAuthjsAdapter(adapter, { maxAgeSeconds, secrets, options });
}

function sessionStrategy(config: SesameConfig): "jwt" | "database" {
  const strategy = config.session?.strategy ?? (config.adapter ? "database" : "jwt");
  if (strategy === "database" && !config.adapter) {
    throw new InvalidConfiguration('`session.strategy: "database"` needs an `adapter` to store the sessions in.');
  }
  return strategy;
}

function positiveSeconds(name: string, value: number | undefined, fallback: number): number {
  return value === undefined ? fallback : checkedPositiveSeconds(name, value);
}

function checkedPositiveSeconds(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidConfiguration(`\`${name}\` must be a positive number of seconds; got ${String(value)}.`);
  }
  return value;
}

function seconds(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new InvalidConfiguration(`\`${name}\` must be a number of seconds, 0 or more; got ${String(value)}.`);
  }
  return value;
}

/**
 * A duration option that was in milliseconds, renamed to say it is now in seconds. The old name still works:
 * converted, with a deprecation warning through the app's logger (once, since a config object is resolved
 * once). Setting both is a configuration error rather than a silent pick, since values in two units for one
 * setting mean the app is half-migrated and either reading may be the wrong one.
 */
function renamedFromMs(logger: Logger, name: string, seconds: number | undefined, oldName: string, ms: number | undefined): number | undefined {
  if (ms === undefined) return seconds;
  if (seconds !== undefined) {
    throw new InvalidConfiguration(`Both \`${name}\` (seconds) and the deprecated \`${oldName}\` (milliseconds) are set; keep \`${name}\` only.`);
  }
  logger.warn("DeprecatedOption", `\`${oldName}\` is in milliseconds and deprecated: set \`${name}\` in seconds instead (here ${ms / 1000}).`);
  return ms / 1000;
}

function revocationOptions(options: RevocationOptions, sessionMaxAgeSeconds: number): ResolvedRevocationOptions {
  return {
    store: options.store,
    policy: options.policy ?? "fail-closed",
    maxStalenessSeconds: seconds("revocation.maxStaleness", options.maxStaleness, DEFAULT_REVOCATION_MAX_STALENESS_SECONDS),
    reconcileIntervalSeconds: seconds("revocation.reconcileInterval", options.reconcileInterval, DEFAULT_REVOCATION_RECONCILE_INTERVAL_SECONDS),
    startTimeoutSeconds: seconds("revocation.startTimeout", options.startTimeout, DEFAULT_REVOCATION_START_TIMEOUT_SECONDS),
    sessionMaxAgeSeconds,
  };
}

/** Arbitrary but generous: no deployment chains this many proxies, and it bounds the header scan. */
const MAX_TRUSTED_PROXIES = 16;

function proxyCount(value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0 || value > MAX_TRUSTED_PROXIES) {
    throw new InvalidConfiguration(
      `\`trustedProxies\` is the number of proxies in front of the app, a whole number from 0 to ${MAX_TRUSTED_PROXIES}; got ${String(value)}.`,
    );
  }
  return value;
}

function buildConfig(config: SesameConfig, env: Env): ResolvedConfig {
  const logger = redactingLogger({ ...defaultLogger(config.debug ?? false), ...config.logger });
  const secrets = resolveSecrets(config.secret, env);
  const authUrl = authUrlOf(env);
  const basePath = (config.basePath ?? (authUrl && authUrl.pathname !== "/" ? authUrl.pathname : "/api/auth")).replace(/\/+$/, "");
  if (!basePath.startsWith("/")) throw new InvalidConfiguration("`basePath` must start with `/`, for example `/api/auth`.");

  const providers = new Map<string, Provider>();
  for (const provider of config.providers ?? []) {
    if (providers.has(provider.id)) {
      throw new InvalidConfiguration(`Two providers share the id "${provider.id}"; give one of them another \`id\`.`);
    }
    if (provider.type === "email" && !config.adapter) {
      throw new InvalidConfiguration(`Email sign-in ("${provider.id}") needs an \`adapter\` to store its single-use tokens.`);
    }
    providers.set(provider.id, provider.type === "oauth" || provider.type === "oidc" ? oauthProvider(withEnvironmentCredentials(provider, env), logger) : provider);
  }

  const maxAge = positiveSeconds("session.maxAge", config.session?.maxAge, DEFAULT_SESSION_MAX_AGE_SECONDS);
  assertSupportedOptions(config, maxAge);
  const jars = new Map<boolean, CookieJar>();
  const tokens = config.tokens ?? {};
  const timeoutSeconds = renamedFromMs(logger, "tokens.timeoutSeconds", tokens.timeoutSeconds, "tokens.timeout", tokens.timeout);
  const adapterTimeoutMs =
    positiveSeconds(
      "adapterTimeoutSeconds",
      renamedFromMs(logger, "adapterTimeoutSeconds", config.adapterTimeoutSeconds, "adapterTimeout", config.adapterTimeout),
      DEFAULT_ADAPTER_TIMEOUT_SECONDS,
    ) * 1000;
  const adapter = config.adapter && guardAdapter(sesameAdapter(config, config.adapter, maxAge, secrets), adapterTimeoutMs);
  const strategy = sessionStrategy(config);
  return {
    accounts: resolveAccounts(providers, adapter, { strategy, revocation: Boolean(config.revocation) }),
    twoFactor: resolveTwoFactor(config.twoFactor, adapter),
    passkeys: resolvePasskeys(providers, adapter),
    emailCodes: resolveEmailCodes(providers, adapter),
    revocation: config.revocation && new RevocationState(revocationOptions(config.revocation, maxAge), logger),
    tokens: {
      refreshBufferSeconds: seconds("tokens.refreshBuffer", tokens.refreshBuffer, DEFAULT_REFRESH_BUFFER_SECONDS),
      onRefreshError: tokens.onRefreshError ?? "keep-session",
      coordinator: tokens.coordinator ?? MemoryRefreshCoordinator(),
      graceWindowSeconds: seconds("tokens.graceWindow", tokens.graceWindow, DEFAULT_GRACE_WINDOW_SECONDS),
      timeoutMs: positiveSeconds("tokens.timeoutSeconds", timeoutSeconds, DEFAULT_REFRESH_TIMEOUT_SECONDS) * 1000,
      exposeAccessToken: tokens.exposeAccessToken ?? false,
      inflight: new Map(),
      store: tokenStore(config, adapterTimeoutMs),
    },
    rateLimit:
      config.rateLimit === false
        ? undefined
        : {
            store: config.rateLimit?.store ?? MemoryRateLimitStore(),
            perIp: config.rateLimit?.perIp ?? DEFAULT_PER_IP,
            perIdentifier: config.rateLimit?.perIdentifier ?? DEFAULT_PER_IDENTIFIER,
            options: config.rateLimit ?? {},
          },
    providers,
    basePath,
    authUrl,
    trustHost: config.trustHost ?? trustHostOf(env),
    trustedProxies: proxyCount(config.trustedProxies),
    allowedHosts: config.allowedHosts && new Set(config.allowedHosts.map(checkedHost)),
    production: isProduction(env),
    useSecureCookies: config.useSecureCookies,
    adapter,
    session: {
      strategy,
      maxAgeSeconds: maxAge,
      updateAgeSeconds: Math.min(maxAge, positiveSeconds("session.updateAge", config.session?.updateAge, DEFAULT_SESSION_UPDATE_AGE_SECONDS)),
      bearer: config.session?.bearer ?? "GET",
      exposeUserId: config.session?.exposeUserId ?? false,
      // With second factors or passkeys, how the user signed in is worth showing; otherwise NextAuth's shape.
      exposeAuthentication: config.session?.exposeAuthentication ?? (config.twoFactor !== undefined || config.providers.some((provider) => provider.type === "webauthn")),
    },
    callbacks: { ...defaultCallbacks, ...config.callbacks },
    events: config.events ?? {},
    pages: config.pages ?? {},
    theme: config.theme ?? {},
    logger,
    sessionCodec: tokenCodec(secrets, SESSION_TOKEN_SALT),
    secrets,
    legacyCookies: config.legacyCookies ?? true,
    wire: wireOf(config.wire),
    csrfKeys: keyRing(secrets, CSRF_SALT, "HMAC"),
    checksCodec: tokenCodec(secrets, OAUTH_CHECKS_SALT),
    cookies(secure) {
      let jar = jars.get(secure);
      if (!jar) jars.set(secure, (jar = resolveCookies(secure, config.cookies)));
      return jar;
    },
  };
}

/** An OAuth provider with its deprecated `timeout` (milliseconds) turned into `timeoutSeconds`, checked. */
function oauthProvider(provider: OAuthProvider, logger: Logger): OAuthProvider {
  const { timeout, ...rest } = provider;
  const name = `providers.${provider.id}.timeoutSeconds`;
  const timeoutSeconds = renamedFromMs(logger, name, provider.timeoutSeconds, `providers.${provider.id}.timeout`, timeout);
  return timeoutSeconds === undefined ? rest : { ...rest, timeoutSeconds: checkedPositiveSeconds(name, timeoutSeconds) };
}

/** An `allowedHosts` entry, lower-cased, checked to be a bare host (URL parsing would quietly drop a path). */
function checkedHost(entry: string): string {
  const host = entry.trim().toLowerCase();
  let parsed: URL | undefined;
  try {
    parsed = new URL(`http://${host}`);
  } catch {
    parsed = undefined;
  }
  if (!host || parsed?.host !== host) {
    throw new InvalidConfiguration(
      `\`allowedHosts\` entry ${JSON.stringify(entry)} is not a host. Write the host as in the address bar, without scheme or path: "example.com" or "example.com:8443".`,
    );
  }
  return host;
}
