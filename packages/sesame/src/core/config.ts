/**
 * The Sesame configuration: what an app passes to `Auth()`, documented option by option, and its
 * resolution into the form the routes use. Resolution (secret checks, key derivation, defaults) happens once
 * per config object, not per request.
 */
import type { OAuthProvider } from "./provider/oauth.js";
import type { Provider } from "./provider/provider.js";
import type { CookieJar, CookiesOverrides } from "./cookies/names.js";
import { resolveCookies } from "./cookies/names.js";
import { InvalidConfiguration, InvalidSecret, MissingSecret, type SesameError } from "./errors.js";
import { keyRing, type KeyRing } from "./keys.js";
import { tokenCodec, type TokenCodec } from "./token/codec.js";
import { redact, redactError, redactText } from "./redact.js";
import { guardAdapter, type Adapter, type AdapterSession, type AdapterUser } from "./adapter.js";
import { DEFAULT_PER_IDENTIFIER, DEFAULT_PER_IP, type Limit, type RateLimitOptions } from "./rate-limit/limit.js";
import { MemoryRateLimitStore, type RateLimitStore } from "./rate-limit/store.js";
import { RevocationState, type RevocationOptions } from "./revocation/state.js";
import { MemoryRefreshCoordinator, type RefreshCoordinator } from "./tokens/coordinator.js";
import type { UpstreamTokens } from "./tokens/upstream.js";
import type { Account, Awaitable, JWT, Profile, Session, User } from "./types.js";

/** The `session` option: strategy (`"jwt"` or `"database"`), `maxAge` (30 days), `updateAge` (24 hours), bearer tokens. */
export interface SessionOptions {
  /**
   * `"jwt"`: the session lives in an encrypted cookie. `"database"`: the cookie holds a random token and the
   * session lives in the adapter (revocable at once, listable). Default: `"database"` with an adapter,
   * `"jwt"` without.
   */
  strategy?: "jwt" | "database";
  /** Seconds of inactivity after which the session ends. Default: 30 days. */
  maxAge?: number;
  /**
   * Seconds between re-issues of the session cookie for an active user (which slides its expiry).
   * Reading a session more often than this does not re-encrypt it. Default: 24 hours.
   */
  updateAge?: number;
  /**
   * Accept `Authorization: Bearer <session token>` from non-browser clients: on GET requests only (default),
   * on every request (`"always"`), or never (`false`).
   */
  bearer?: "GET" | "always" | false;
}

/** The `tokens` option: refreshing the upstream (provider or backend) tokens kept in the session. */
export interface TokensOptions {
  /** Refresh when the access token expires within this many seconds. Default: 60. */
  refreshBuffer?: number;
  /** After a failed refresh: keep the session with `session.error` (default), or end it. */
  onRefreshError?: "keep-session" | "end-session";
  /** Shares refreshes between processes. Default: in memory (one process). See `sesame/adapters/redis`, `sql`. */
  coordinator?: RefreshCoordinator;
  /** Seconds a refresh result stays available to requests still carrying the old tokens. Default: 60. */
  graceWindow?: number;
  /** Milliseconds a refresh (or waiting for another process's) may take. Default: 10 000. */
  timeout?: number;
  /** Put the access token in the session the browser sees (`session.accessToken`). Default: false. */
  exposeAccessToken?: boolean;
}

/** The `callbacks` option: `signIn`, `redirect`, `jwt`, `session`, `authorized` (each optional in the config). */
export interface Callbacks {
  /** Return `false` to refuse the sign-in (`AccessDenied`), or a URL to send the user there instead. */
  signIn(params: {
    user: User;
    account: Account | null;
    profile?: Profile;
    credentials?: Record<string, string | undefined>;
  }): Awaitable<boolean | string>;
  /**
   * Used by the Next.js proxy / middleware (`export { auth as proxy }`): `true` lets the request through,
   * `false` redirects to the sign-in page with a `callbackUrl`, a `Response` is sent as it is. Default: allow.
   */
  authorized(params: { auth: Session | null; request: Request }): Awaitable<boolean | Response | undefined>;
  /** Decides where to send the user after sign-in or sign-out. The default allows only this origin. */
  redirect(params: { url: string; baseUrl: string }): Awaitable<string>;
  /**
   * Shapes the session token. Runs on sign-in (with `user`, `account`, `trigger: "signIn"`), on every read of
   * the session, and on `update()` (with `trigger: "update"` and the client's `session` data). Return `null`
   * to end the session.
   */
  jwt(params: {
    token: JWT;
    user?: User;
    account?: Account | null;
    profile?: Profile;
    trigger?: "signIn" | "signUp" | "update";
    isNewUser?: boolean;
    session?: Record<string, unknown>;
  }): Awaitable<JWT | null>;
  /**
   * Shapes what the client sees. `token` is the session token (JWT strategy) or the session's stored data
   * (database strategy, which also passes the stored `user`). Keep secrets (refresh tokens) out of it.
   */
  session(params: {
    session: Session;
    token: JWT;
    user?: AdapterUser;
    trigger?: "update";
    newSession?: Record<string, unknown>;
  }): Awaitable<Session>;
}

/** Notifications: they cannot change the outcome, and one that throws is logged, never fatal. */
export interface EventCallbacks {
  signIn(message: { user: User; account: Account | null; profile?: Profile; isNewUser?: boolean }): Awaitable<void>;
  /** `token` for JWT sessions; `session` for database sessions. */
  signOut(message: { token: JWT | null; session?: AdapterSession | null }): Awaitable<void>;
  /** A user was created by the adapter (first sign-in with a provider). */
  createUser(message: { user: AdapterUser }): Awaitable<void>;
  /** A provider account was linked to a user. */
  linkAccount(message: { user: AdapterUser; account: Account }): Awaitable<void>;
  session(message: { session: Session; token: JWT }): Awaitable<void>;
  /** After `update()` changed the session's user data. */
  updateUser(message: { user: User }): Awaitable<void>;
  /** Upstream tokens were refreshed (once per refresh, whatever the number of waiting requests). */
  tokenRefreshed(message: { provider: string }): Awaitable<void>;
  /** Refreshing upstream tokens failed; the session carries `error`. */
  tokenRefreshFailed(message: { provider: string; userId: string | undefined; error: "RefreshTokenError" | "RefreshTokenExpired" }): Awaitable<void>;
}

/** Paths of the app's own pages, replacing the built-in ones. */
export interface PagesOptions {
  signIn: string;
  signOut: string;
  error: string;
  /** Shown after an email sign-in link was sent ("check your email"). */
  verifyRequest: string;
}

/** The `theme` option of the built-in pages. */
export interface Theme {
  colorScheme?: "auto" | "light" | "dark";
  /** A CSS colour for buttons and links. */
  brandColor?: string;
  /** URL of a logo shown above the forms. */
  logo?: string;
}

/**
 * Where Sesame's log lines go. Whatever it hands a logger, the default one or yours, has been redacted
 * first: tokens, authorization codes, secrets, cookies and anything shaped like a JWT are replaced by
 * `[redacted]`, in messages, fields and `cause` chains alike (errors keep their class, so `instanceof` and
 * `type` still work). A log must not be a way in; the shape of what went wrong is kept.
 *
 * @example
 * ```ts
 * logger: { error: (error) => Sentry.captureException(error) }
 * ```
 */
export interface Logger {
  error(error: Error): void;
  warn(code: string, message: string): void;
  debug(message: string, meta?: unknown): void;
}

/**
 * The configuration passed to `Auth`, `getSession` and `Sesame` (`sesame/next`). Only `providers` is
 * required; the secret defaults to `AUTH_SECRET`; sessions last 30 days, in an encrypted JWT cookie (in
 * the database when there is an `adapter`).
 *
 * @example
 * ```ts
 * import type { SesameConfig } from "sesame";
 * import Google from "sesame/providers/google";
 * export const config: SesameConfig = {
 *   providers: [Google()],
 *   session: { maxAge: 7 * 24 * 3600 },
 *   callbacks: { session: ({ session, token }) => ({ ...session, role: token.role }) },
 * };
 * ```
 */
export interface SesameConfig {
  providers: Provider[];
  /** Where users, accounts and database sessions are stored. See `sesame/adapters/*`. */
  adapter?: Adapter;
  /** Milliseconds an adapter call may take before it fails with `AdapterError`. Default: 5 000. */
  adapterTimeout?: number;
  /**
   * Revocation of JWT sessions: sign-out and `revokeUserSessions` take effect at once in every server
   * process, with no network call per request. See `sesame/revocation/*`.
   */
  revocation?: RevocationOptions;
  /**
   * Limits on sign-in attempts (credentials and email), per IP and per identifier. On by default, in
   * memory; `false` turns it off.
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * At least 32 characters; defaults to `AUTH_SECRET` (or `NEXTAUTH_SECRET`). Pass an array to rotate: the
   * first encrypts, every one decrypts, so old sessions stay valid until they expire.
   */
  secret?: string | string[];
  /** Where the routes live. Default: `/api/auth`, or the path of `AUTH_URL` if it has one. */
  basePath?: string;
  /**
   * Trust the `Host` / `X-Forwarded-*` headers to build URLs. Default: true outside production or when
   * `AUTH_TRUST_HOST=true`; in production set this or `AUTH_URL`.
   */
  trustHost?: boolean;
  /**
   * How many reverse proxies (load balancers, CDNs) stand in front of the app and append the address they
   * received the request from to `X-Forwarded-For`. The client's IP — for the per-IP sign-in limit and the
   * `ip` of database sessions — is then the entry this many places from the right: the one the outermost
   * trusted proxy wrote. Entries further left were sent by the client and are ignored.
   *
   * Default: 0, and `X-Forwarded-For` / `X-Real-IP` are not read at all, since any client can send them: a
   * limit keyed on them is bypassed by changing the header, and a forged victim's address locks the victim
   * out. A Web `Request` carries no connection address, so with neither this nor `rateLimit.clientIp` there
   * is no client IP (only the per-identifier limit applies, and a warning is logged once). Count only
   * proxies that append to the header whatever the client sent: `next start` itself does not (it fills the
   * header in only when the client sent none), so an app that is reachable directly must leave this at 0.
   *
   * @example
   * ```ts
   * // Vercel (its edge overwrites X-Forwarded-For with the client's address), or one nginx / ALB in front:
   * Sesame({ trustedProxies: 1, providers: [...] });
   * // A CDN in front of a load balancer in front of the app:
   * Sesame({ trustedProxies: 2, providers: [...] });
   * ```
   */
  trustedProxies?: number;
  /**
   * The hosts the app answers on, for links that leave the app by email when `AUTH_URL` is not set (one app
   * serving several domains, preview deployments). A sign-in email is sent only if the request's host
   * (`X-Forwarded-Host` / `Host`, read when `trustHost` is on) is one of these; in production the link is then
   * always `https`. Without `AUTH_URL` and without this list, email sign-in is refused in production, and
   * outside production allowed only on loopback hosts (`localhost`, `127.0.0.1`, `[::1]`): otherwise a forged
   * `X-Forwarded-Host` would mail the victim a valid sign-in link pointing at the attacker's server.
   * Entries are hosts as in the address bar: a name, with `:port` when the port is not the default.
   * Default: none.
   *
   * @example
   * ```ts
   * Auth(request, { allowedHosts: ["example.com", "www.example.com", "staging.example.com:8443"], providers, adapter });
   * ```
   */
  allowedHosts?: string[];
  /** Force `Secure` cookies on or off. Default: on when the app is served over https. */
  useSecureCookies?: boolean;
  /**
   * Read session cookies written by next-auth 4 and Auth.js v5 (with the same secret) and re-issue them in
   * Sesame's format, so moving an app over signs nobody out. Default: true.
   */
  legacyCookies?: boolean;
  session?: SessionOptions;
  /** Upstream tokens (from OAuth providers or your backend): refresh, coordination, exposure. */
  tokens?: TokensOptions;
  cookies?: CookiesOverrides;
  callbacks?: Partial<Callbacks>;
  events?: Partial<EventCallbacks>;
  pages?: Partial<PagesOptions>;
  theme?: Theme;
  logger?: Partial<Logger>;
  /** Log debug messages. */
  debug?: boolean;
}

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
  session: Required<SessionOptions>;
  /** The app's adapter, with every call time-limited and its failures reported as `AdapterError`. */
  adapter: Adapter | undefined;
  /** This config's in-memory revocation state, when revocation is configured. */
  revocation: RevocationState | undefined;
  rateLimit: { store: RateLimitStore; perIp: Limit | false; perIdentifier: Limit | false; options: RateLimitOptions } | undefined;
  tokens: Required<Omit<TokensOptions, "coordinator">> & {
    coordinator: RefreshCoordinator;
    /** Refreshes under way in this process, by hash of the refresh token. */
    inflight: Map<string, Promise<UpstreamTokens>>;
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
  /** Signs CSRF tokens. */
  csrfKeys: Promise<KeyRing>;
  /** Encrypts the short-lived state / PKCE / nonce cookie of an OAuth sign-in. */
  checksCodec: TokenCodec;
  cookies(secure: boolean): CookieJar;
}

export const DEFAULT_SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
export const DEFAULT_SESSION_UPDATE_AGE_SECONDS = 24 * 60 * 60;
export const MIN_SECRET_LENGTH = 32;
const DEFAULT_ADAPTER_TIMEOUT_MS = 5_000;
export const SESSION_TOKEN_SALT = "sesame.session-token";
const CSRF_SALT = "sesame.csrf-token";
export const OAUTH_CHECKS_SALT = "sesame.oauth-checks";

type Env = Record<string, string | undefined>;
/** `process.env` where there is one (Node, Next.js, Workers with nodejs_compat), without importing Node. */
export function readEnv(): Env {
  return (globalThis as { process?: { env?: Env } }).process?.env ?? {};
}

const resolved = new WeakMap<SesameConfig, ResolvedConfig>();

export function resolveConfig(config: SesameConfig): ResolvedConfig {
  let result = resolved.get(config);
  if (!result) {
    result = buildConfig(config, readEnv());
    resolved.set(config, result);
  }
  return result;
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
          "Generate one with `npx sesame secret` and set it as AUTH_SECRET.",
      );
    }
  }
  return secrets;
}

function sessionStrategy(config: SesameConfig): "jwt" | "database" {
  const strategy = config.session?.strategy ?? (config.adapter ? "database" : "jwt");
  if (strategy === "database" && !config.adapter) {
    throw new InvalidConfiguration('`session.strategy: "database"` needs an `adapter` to store the sessions in.');
  }
  return strategy;
}

function positiveSeconds(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidConfiguration(`\`${name}\` must be a positive number of seconds; got ${String(value)}.`);
  }
  return value;
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
  const secrets = resolveSecrets(config.secret, env);
  const rawUrl = env.AUTH_URL ?? env.NEXTAUTH_URL;
  let authUrl: URL | undefined;
  if (rawUrl) {
    try {
      authUrl = new URL(rawUrl);
    } catch {
      throw new InvalidConfiguration(`AUTH_URL is not a valid URL: ${JSON.stringify(rawUrl)}.`);
    }
  }
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
    providers.set(provider.id, provider.type === "credentials" || provider.type === "email" ? provider : withEnvironmentCredentials(provider, env));
  }

  const maxAge = positiveSeconds("session.maxAge", config.session?.maxAge, DEFAULT_SESSION_MAX_AGE_SECONDS);
  const jars = new Map<boolean, CookieJar>();
  const logger = redactingLogger({ ...defaultLogger(config.debug ?? false), ...config.logger });
  return {
    revocation: config.revocation && new RevocationState(config.revocation, logger, maxAge),
    tokens: {
      refreshBuffer: config.tokens?.refreshBuffer ?? 60,
      onRefreshError: config.tokens?.onRefreshError ?? "keep-session",
      coordinator: config.tokens?.coordinator ?? MemoryRefreshCoordinator(),
      graceWindow: config.tokens?.graceWindow ?? 60,
      timeout: config.tokens?.timeout ?? 10_000,
      exposeAccessToken: config.tokens?.exposeAccessToken ?? false,
      inflight: new Map(),
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
    trustHost: config.trustHost ?? (env.AUTH_TRUST_HOST === "true" || env.AUTH_TRUST_HOST === "1" || env.NODE_ENV !== "production"),
    trustedProxies: proxyCount(config.trustedProxies),
    allowedHosts: config.allowedHosts && new Set(config.allowedHosts.map(checkedHost)),
    production: env.NODE_ENV === "production",
    useSecureCookies: config.useSecureCookies,
    adapter: config.adapter && guardAdapter(config.adapter, config.adapterTimeout ?? DEFAULT_ADAPTER_TIMEOUT_MS),
    session: {
      strategy: sessionStrategy(config),
      maxAge,
      updateAge: Math.min(maxAge, positiveSeconds("session.updateAge", config.session?.updateAge, DEFAULT_SESSION_UPDATE_AGE_SECONDS)),
      bearer: config.session?.bearer ?? "GET",
    },
    callbacks: { ...defaultCallbacks, ...config.callbacks },
    events: config.events ?? {},
    pages: config.pages ?? {},
    theme: config.theme ?? {},
    logger,
    sessionCodec: tokenCodec(secrets, SESSION_TOKEN_SALT),
    secrets,
    legacyCookies: config.legacyCookies ?? true,
    csrfKeys: keyRing(secrets, CSRF_SALT, "HMAC"),
    checksCodec: tokenCodec(secrets, OAUTH_CHECKS_SALT),
    cookies(secure) {
      let jar = jars.get(secure);
      if (!jar) jars.set(secure, (jar = resolveCookies(secure, config.cookies)));
      return jar;
    },
  };
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

/** Fills `clientId`, `clientSecret` and `issuer` from `AUTH_<ID>_ID`, `_SECRET`, `_ISSUER`, as Auth.js does. */
function withEnvironmentCredentials(provider: OAuthProvider, env: Env): OAuthProvider {
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
  if (resolved.type === "oidc" && !resolved.issuer) {
    throw new InvalidConfiguration(`OpenID Connect provider "${provider.id}" needs an issuer: set ${prefix}_ISSUER or pass \`issuer\`.`);
  }
  return resolved;
}

/** The callbacks NextAuth apps expect when they set none. `jwt` and `session` pass data through. */
export const defaultCallbacks: Callbacks = {
  signIn: () => true,
  authorized: () => true,
  redirect: ({ url, baseUrl }) => {
    // Resolving against the base turns relative paths into same-origin URLs and exposes every trick
    // (`//evil.com`, `/\evil.com`, `https:evil.com`) as a foreign origin, which is refused.
    try {
      const target = new URL(url, baseUrl);
      return target.origin === new URL(baseUrl).origin ? target.href : baseUrl;
    } catch {
      return baseUrl;
    }
  },
  jwt: ({ token }) => token,
  session: ({ session }) => session,
};

/**
 * `logger` with everything it is given redacted first (see redact.ts): upstream errors carry token
 * responses, and the app's own logger is as likely to ship them off the machine as the default one.
 */
export function redactingLogger(logger: Partial<Logger>): Logger {
  const { error = console.error, warn, debug } = logger;
  return {
    error: (e) => error(redactError(e)),
    warn: (code, message) => warn?.(code, redactText(message)),
    debug: (message, meta) => debug?.(redactText(message), meta === undefined ? undefined : redact(meta)),
  };
}

function defaultLogger(debug: boolean): Partial<Logger> {
  return {
    error(error) {
      const type = (error as Partial<SesameError>).type ?? error.name;
      // The cause is printed as redactingLogger left it; never hand a raw upstream error to this function.
      console.error(`[sesame] ${type}: ${error.message}`, error.cause ?? "");
    },
    warn(code, message) {
      console.warn(`[sesame] warning ${code}: ${message}`);
    },
    // Absent unless asked for, so that no debug line is redacted only to be dropped.
    ...(debug && {
      debug(message: string, meta?: unknown) {
        console.debug(`[sesame] ${message}`, meta ?? "");
      },
    }),
  };
}
