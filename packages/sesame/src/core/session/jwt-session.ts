/**
 * The lifecycle of a session kept in an encrypted cookie ("jwt" strategy): issue on sign-in, read (and
 * slide) on every request, update on demand, end on sign-out. Reading is the hot path: a cookie seen before
 * costs a map lookup, and the cookie is re-encrypted only when its content changed or `updateAge` passed.
 */
import { defaultCallbacks } from "../config.js";
import type { RequestContext } from "../context.js";
import { clearChunkedCookie, readChunkedCookie, writeChunkedCookie } from "../cookies/chunking.js";
import type { JWT, Session } from "../types.js";
import { emit } from "../events.js";
import { ensureFresh, expiresSoon, type Freshness, type RefreshErrorCode } from "../tokens/refresh.js";
import { readLegacySession } from "./legacy.js";
import { sessionShape } from "./shape.js";
import { stampClaims } from "./token.js";

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
export function sessionTokenOf(context: RequestContext): { token: string; fromCookie: boolean } | undefined {
  const cookie = readChunkedCookie(context.cookies, context.jar.sessionToken.name);
  if (cookie) return { token: cookie, fromCookie: true };
  const { bearer } = context.config.session;
  if (bearer === false || (bearer === "GET" && context.head.method !== "GET" && context.head.method !== "HEAD")) {
    return undefined;
  }
  const authorization = context.head.headers.get("authorization");
  if (authorization?.startsWith("Bearer ")) return { token: authorization.slice(7).trim(), fromCookie: false };
  return undefined;
}

/**
 * Encrypts `token` with a fresh expiry into session cookies (replacing any chunks of the previous one).
 * Returns the cookies and the token as stored.
 */
export async function issueSessionCookies(context: RequestContext, token: JWT): Promise<{ cookies: string[]; token: JWT }> {
  const { maxAge } = context.config.session;
  const stamped = stampClaims(token, maxAge);
  const value = await context.config.sessionCodec.encode(stamped);
  const { name, options } = context.jar.sessionToken;
  return { cookies: writeChunkedCookie(name, value, { ...options, maxAge }, context.cookies), token: stamped };
}

export function clearSessionCookies(context: RequestContext): string[] {
  const { name, options } = context.jar.sessionToken;
  return clearChunkedCookie(name, options, context.cookies);
}

/** A NextAuth / Auth.js session cookie becomes a Sesame session on this response; the old cookie goes. */
async function migrateLegacySession(context: RequestContext): Promise<SessionState> {
  const legacy = await readLegacySession(context);
  if (!legacy) return NO_SESSION;
  const { cookies, token } = await issueSessionCookies(context, legacy.claims);
  const base = sessionShape(context, { id: token.sub, name: token.name, email: token.email, image: token.picture }, isoDate(token.exp ?? 0), token);
  const session =
    context.config.callbacks.session === defaultCallbacks.session ? base : await context.config.callbacks.session({ session: base, token });
  return { session, token, cookies: [...cookies, ...legacy.clear] };
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
 */
export async function readJwtSession(context: RequestContext, options: ReadOptions = {}): Promise<SessionState> {
  const source = sessionTokenOf(context);
  if (!source) return context.config.legacyCookies ? migrateLegacySession(context) : NO_SESSION;
  const { config } = context;
  const remembered = config.sessionCodec.decodeRemembered(source.token);
  const decoded = remembered === undefined ? await config.sessionCodec.decode(source.token) : remembered;
  if (!decoded) return { ...NO_SESSION, cookies: source.fromCookie ? clearSessionCookies(context) : [] };
  if (config.revocation) {
    if (!config.revocation.ready) await config.revocation.start();
    const verdict = config.revocation.check(decoded);
    if (verdict === "revoked") return { ...NO_SESSION, cookies: source.fromCookie ? clearSessionCookies(context) : [] };
    // Revocations may be missing (fail-closed): no session now, but keep the cookie for when they are back.
    if (verdict === "unknown") return NO_SESSION;
  }

  const fresh: Freshness = expiresSoon(context, decoded) ? await ensureFresh(context, decoded) : { token: decoded, changed: false };
  if (fresh.error && config.tokens.onRefreshError === "end-session") {
    return { ...NO_SESSION, cookies: source.fromCookie ? clearSessionCookies(context) : [], error: fresh.error };
  }
  let token: JWT | null = fresh.token;
  let changed = fresh.changed;
  const { update } = options;
  if (update || config.callbacks.jwt !== defaultCallbacks.jwt) {
    // Compare serialised content, not identity: callbacks often mutate the token in place and return it.
    const before = JSON.stringify(token);
    token = await config.callbacks.jwt(update ? { token, trigger: "update", session: update.data } : { token });
    if (!token) return { ...NO_SESSION, cookies: source.fromCookie ? clearSessionCookies(context) : [] };
    changed ||= JSON.stringify(token) !== before;
  }

  let cookies: string[] = [];
  const age = Math.floor(Date.now() / 1000) - (token.iat ?? 0);
  if (source.fromCookie && (changed || update || (!options.readOnly && age >= config.session.updateAge))) {
    ({ cookies, token } = await issueSessionCookies(context, token));
  }

  if (options.tokenOnly) return { session: null, token, cookies };
  const base = sessionShape(context, { id: token.sub, name: token.name, email: token.email, image: token.picture }, isoDate(token.exp ?? 0), token);
  // The default callback returns its input; skipping the call keeps the hot path free of needless awaits.
  const session =
    config.callbacks.session === defaultCallbacks.session
      ? base
      : await config.callbacks.session({ session: base, token, ...(update && { trigger: "update" as const, newSession: update.data }) });
  if (config.events.session) await emit(context, "session", { session, token });
  return { session, token, cookies };
}
