/**
 * The lifecycle of a session kept in an encrypted cookie ("jwt" strategy): issue on sign-in, read (and
 * slide) on every request, update on demand, end on sign-out. Reading is the hot path: a cookie seen before
 * costs a map lookup, and the cookie is re-encrypted only when its content changed or `updateAge` passed.
 */
import { defaultCallbacks } from "../config/callbacks.js";
import type { RequestContext } from "../context.js";
import { readChunkedCookie, writeChunkedCookie } from "../cookies/chunking.js";
import type { JWT, Session } from "../types.js";
import { emit } from "../events.js";
import { callbackEndsSession } from "./callback-error.js";
import { ensureFresh, expiresSoon, type Freshness, type RefreshErrorCode } from "../upstream/refresh.js";
import { decryptLegacyToken, isLegacySessionCookieName, readLegacySession } from "./legacy.js";
import { clearPreviousSessionCookie, HOST_COOKIE_CLAIM, previousSessionCookie } from "./previous-cookie.js";
import { exposedAccessToken, sessionShape } from "./shape.js";
import { renewUpstream } from "../upstream/kept.js";
import { keepAuthenticationClaims, tokenForCallbacks } from "./authentication-claims.js";
import { clearSessionCookies } from "./session-cookie.js";
import { stampClaims } from "../token/codec.js";
import { nowSeconds } from "../clock.js";

export interface SessionState {
  session: Session | null;
  token: JWT | null;
  /** `Set-Cookie` values the response must carry: a renewed, updated or cleared session cookie. */
  cookies: string[];
  /** Why the session ended on this request, when it did (`onRefreshError: "end-session"`). */
  error?: RefreshErrorCode;
}

const NO_SESSION: SessionState = Object.freeze({ session: null, token: null, cookies: [] }) as SessionState;

/** The raw session token of a request: its (possibly chunked) cookie, or a bearer token where allowed. */
export function sessionTokenOf(context: RequestContext): { token: string; fromCookie: boolean; previous?: true } | undefined {
  const cookie = readChunkedCookie(context.cookies, context.jar.sessionToken.name);
  if (cookie) return { token: cookie, fromCookie: true };
  const previous = previousSessionCookie(context);
  if (previous) return { token: previous, fromCookie: true, previous: true };
  const { bearer } = context.config.session;
  if (bearer === false || (bearer === "GET" && context.head.method !== "GET" && context.head.method !== "HEAD")) {
    return undefined;
  }
  const authorization = context.head.headers.get("authorization");
  if (authorization?.startsWith("Bearer ")) return { token: authorization.slice(7).trim(), fromCookie: false };
  return undefined;
}

/**
 * The claims of a request's session token, and whether they came from a NextAuth token kept under the app's
 * own cookie name: an app that keeps next-auth's name (`cookies.sessionToken.name: "next-auth.session-token"`)
 * has its users' next-auth cookies under the very name Sesame reads, and they are sessions to migrate, not
 * invalid tokens to clear. Only a cookie (never a bearer token, never the pre-`__Host-` name) under a name
 * next-auth or Auth.js writes is tried, in that name's format alone, once Sesame's own format has failed.
 */
export async function readSessionToken(
  context: RequestContext,
  source: NonNullable<ReturnType<typeof sessionTokenOf>>,
): Promise<{ decoded: JWT | null; legacyInPlace: boolean }> {
  const { config } = context;
  const remembered = config.sessionCodec.decodeRemembered(source.token);
  const decoded = remembered === undefined ? await config.sessionCodec.decode(source.token) : remembered;
  if (decoded || remembered === null || !source.fromCookie || source.previous || !config.legacyCookies) return { decoded, legacyInPlace: false };
  const { name } = context.jar.sessionToken;
  if (!isLegacySessionCookieName(name)) return { decoded, legacyInPlace: false };
  const legacy = await decryptLegacyToken(source.token, config.secrets, name);
  return legacy ? { decoded: legacy, legacyInPlace: true } : { decoded, legacyInPlace: false };
}

/**
 * Encrypts `token` into session cookies (replacing any chunks of the previous one), with a fresh expiry —
 * or with `expiresAt` when the token must not live longer than it already does. Returns the cookies and the
 * token as stored.
 */
export async function issueSessionCookies(context: RequestContext, token: JWT, expiresAt?: number): Promise<{ cookies: string[]; token: JWT }> {
  const { maxAgeSeconds: maxAge } = context.config.session;
  const { name, options, previousName } = context.jar.sessionToken;
  const stamped = stampClaims(previousName ? { ...token, [HOST_COOKIE_CLAIM]: 1 } : token, maxAge, expiresAt);
  const value = await context.config.sessionCodec.encode(stamped);
  // A kept expiry may be a few seconds past (within the clock tolerance): the cookie still needs a lifetime.
  const cookieMaxAge = expiresAt === undefined ? maxAge : Math.max(1, expiresAt - stamped.iat);
  return { cookies: writeChunkedCookie(name, value, { ...options, maxAge: cookieMaxAge }, context.cookies), token: stamped };
}

/** Consecutive reads of one session share an expiry; formatting it once saves a visible share of a read. */
let lastIso = { exp: Number.NaN, iso: "" };
function isoDate(exp: number): string {
  if (lastIso.exp !== exp) lastIso = { exp, iso: new Date(exp * 1000).toISOString() };
  return lastIso.iso;
}

export interface ReadOptions {
  /** Set by `POST /session`: run the `jwt` callback with `trigger: "update"` and this data. */
  update?: { data: Record<string, unknown> | undefined };
  /**
   * The caller cannot send cookies back (a React Server Component): skip the sliding-expiry renewal, which
   * the next response that can write (proxy, route handler, server action) performs instead.
   */
  readOnly?: boolean;
  /**
   * The caller wants the verified token only (`getToken`): every check runs, but not the `session` callback
   * nor the `session` event, and `session` stays `null`.
   */
  tokenOnly?: boolean;
}

/**
 * Reads the request's session, running the `jwt` and `session` callbacks, and works out the cookies to
 * send back: renewed after `updateAge`, rewritten when a callback changed the token, cleared when the token
 * is invalid or the `jwt` callback ended the session.
 *
 * A NextAuth / Auth.js session cookie (when the request has no Sesame one) goes through the same checks —
 * revocation, `jwt` callback, `session` callback — and becomes a Sesame cookie that keeps its expiry and
 * its id, so that migrating neither extends a session nor escapes a revocation of it.
 */
export async function readJwtSession(context: RequestContext, options: ReadOptions = {}): Promise<SessionState> {
  const { config } = context;
  const source = sessionTokenOf(context);
  let decoded: JWT | null;
  let fromCookie = true;
  /**
   * For a legacy cookie: the `Set-Cookie` values removing it, sent once it is migrated or its session ended.
   * Empty for one under the app's own cookie name: the Sesame cookie replacing it is written over it.
   */
  let legacyClear: string[] | undefined;
  if (source) {
    fromCookie = source.fromCookie;
    const read = await readSessionToken(context, source);
    decoded = read.decoded;
    if (read.legacyInPlace) legacyClear = [];
  } else {
    const legacy = config.legacyCookies ? await readLegacySession(context) : undefined;
    if (!legacy) return NO_SESSION;
    decoded = legacy.claims;
    legacyClear = legacy.clear;
  }
  if (!decoded) return ended(context, fromCookie, legacyClear);
  // Issued for the `__Host-` cookie yet sent under the old name: copied there, by a sibling subdomain
  // tossing its own session at this browser (see previous-cookie.ts). Not a session.
  if (source?.previous && decoded[HOST_COOKIE_CLAIM] !== undefined) return NO_SESSION;
  let current = true;
  if (config.revocation) {
    if (!config.revocation.ready) await config.revocation.start();
    const verdict = config.revocation.check(decoded);
    if (verdict === "revoked") return ended(context, fromCookie, legacyClear);
    // Revocations may be missing (fail-closed): no session now, but keep the cookie for when they are back.
    if (verdict === "unknown") return NO_SESSION;
    current = config.revocation.current;
  }

  const fresh: Freshness = expiresSoon(context, decoded) ? await ensureFresh(context, decoded) : { token: decoded, changed: false };
  if (fresh.error && config.tokens.onRefreshError === "end-session") {
    return { ...ended(context, fromCookie, legacyClear), error: fresh.error };
  }
  let token: JWT | null = fresh.token;
  // An old-name cookie moves to the new name on this response.
  let changed = fresh.changed || source?.previous === true;
  const { update } = options;
  if (update || config.callbacks.jwt !== defaultCallbacks.jwt) {
    // Compare serialised content, not identity: callbacks often mutate the token in place and return it.
    const before = JSON.stringify(token);
    try {
      const seen = tokenForCallbacks(token, config.session.exposeAuthentication);
      token = await config.callbacks.jwt(update ? { token: seen, trigger: "update", session: update.data } : { token: seen });
    } catch (error) {
      return endedByCallback(context, "jwt", error, fromCookie, legacyClear);
    }
    if (!token) return ended(context, fromCookie, legacyClear);
    // The id and the version are what revocation knows a token by: a callback (say, one that merges the
    // client's `update()` data into the token) must not give a copy a new identity that escapes it.
    if (token.jti !== decoded.jti || token.ver !== decoded.ver) token = { ...token, jti: decoded.jti, ver: decoded.ver };
    token = keepAuthenticationClaims(token, decoded);
    changed ||= JSON.stringify(token) !== before;
  }

  let cookies: string[] = [];
  const age = nowSeconds() - (token.iat ?? 0);
  // A new lifetime only while every revocation is known here: a token revoked during an outage is never
  // extended past what its revocation covers.
  const renew = current && !options.readOnly && age >= config.session.updateAgeSeconds;
  if (legacyClear || (fromCookie && (changed || update || renew))) {
    // A migrated token keeps the legacy token's expiry: moving to Sesame is no way to extend a session.
    ({ cookies, token } = await issueSessionCookies(context, token, legacyClear || !current ? decoded.exp : undefined));
    await renewStoredUpstream(context, token);
    if (legacyClear) cookies.push(...legacyClear);
    if (source?.previous) cookies.push(...clearPreviousSessionCookie(context));
  }

  if (options.tokenOnly) return { session: null, token, cookies };
  const base = sessionShape(
    context,
    { id: token.sub, name: token.name, email: token.email, image: token.picture },
    isoDate(token.exp ?? 0),
    token,
    config.tokens.exposeAccessToken ? await exposedAccessToken(context, token) : undefined,
  );
  // The default callback returns its input; skipping the call keeps the hot path free of needless awaits.
  let session: Session = base;
  if (config.callbacks.session !== defaultCallbacks.session) {
    try {
      session = await config.callbacks.session({ session: base, token: tokenForCallbacks(token, config.session.exposeAuthentication), ...(update && { trigger: "update" as const, newSession: update.data }) });
    } catch (error) {
      return endedByCallback(context, "session", error, fromCookie, legacyClear);
    }
  }
  if (config.events.session) await emit(context, "session", { session, token });
  return { session, token, cookies };
}

/** A `jwt` or `session` callback threw (callback-error.ts): the session ends. */
function endedByCallback(context: RequestContext, callback: "jwt" | "session", error: unknown, fromCookie: boolean, legacyClear: string[] | undefined): SessionState {
  callbackEndsSession(context, callback, error);
  return ended(context, fromCookie, legacyClear);
}

/**
 * The stored upstream tokens follow the renewed session's expiry. A store that fails here costs only an
 * earlier end of those tokens (the next refresh then reports `RefreshTokenError`): logged, not fatal.
 */
async function renewStoredUpstream(context: RequestContext, token: JWT): Promise<void> {
  try {
    await renewUpstream(context, token);
  } catch (error) {
    context.config.logger.warn("TokenStoreUnavailable", `The stored upstream tokens kept their old expiry: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** No session, and the cookies that carried the ended one cleared. */
function ended(context: RequestContext, fromCookie: boolean, legacyClear: string[] | undefined): SessionState {
  if (legacyClear?.length) return { ...NO_SESSION, cookies: legacyClear };
  return fromCookie ? { ...NO_SESSION, cookies: clearSessionCookies(context) } : NO_SESSION;
}
