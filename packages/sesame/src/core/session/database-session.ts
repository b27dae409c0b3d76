/**
 * The lifecycle of a database session: the cookie holds `<id>.<secret>`, the database the session with the
 * SHA-256 of the secret. Reading costs one query (session joined with its user); the stored hash is
 * compared in constant time, so neither a database leak nor response timing gives a usable cookie away.
 * Expiry slides with activity, written at most once per `updateAge`. Deleting the row ends the session
 * on the very next request — which is what makes revocation instant.
 */
import { configuredAdapter, type AdapterSession, type AdapterUser } from "../adapter.js";
import { defaultCallbacks } from "../config/callbacks.js";
import { clientIp } from "../client-ip.js";
import type { RequestContext } from "../context.js";
import { readChunkedCookie, writeChunkedCookie } from "../cookies/chunking.js";
import { timingSafeEqual } from "../compare.js";
import { emit } from "../events.js";
import { sha256 } from "#digest";
import { randomString } from "../random.js";
import { ensureFresh, expiresSoon, type Freshness } from "../upstream/refresh.js";
import type { JWT, Session } from "../types.js";
import { exposedAccessToken, sessionShape } from "./shape.js";
import { callbackEndsSession } from "./callback-error.js";
import { clearPreviousSessionCookie, previousSessionCookie } from "./previous-cookie.js";
import type { ReadOptions, SessionState } from "./jwt-session.js";
import { clearSessionCookies } from "./session-cookie.js";
import { keepAuthenticationClaims, tokenForCallbacks } from "./authentication-claims.js";
import { findLegacyDatabaseSession } from "./legacy-database.js";

const ID_LENGTH = 22;
/**
 * Sessions created since the session cookie moved to `__Host-` have a 44-character secret, those created
 * before a 43-character one: the length tells them apart unforgeably (the stored hash covers every
 * character), and only the older ones are accepted under the old cookie name (see previous-cookie.ts).
 */
const SECRET_LENGTH = 44;
const PRE_HOST_SECRET_LENGTH = 43;
const COOKIE_FORMAT = new RegExp(`^([\\w-]{${ID_LENGTH}})\\.([\\w-]{${PRE_HOST_SECRET_LENGTH},${SECRET_LENGTH}})$`);

/** The id and secret in the request's session cookie, if it has the right form. */
export function sessionCookieParts(context: RequestContext): { id: string; secret: string; previous?: true } | undefined {
  const current = readChunkedCookie(context.cookies, context.jar.sessionToken.name);
  const value = current ?? previousSessionCookie(context);
  const [, id, secret] = (value && COOKIE_FORMAT.exec(value)) || [];
  if (!id || !secret) return undefined;
  if (current !== undefined) return { id, secret };
  // Under the old name only a session created before the move: see previous-cookie.ts.
  return secret.length === PRE_HOST_SECRET_LENGTH ? { id, secret, previous: true } : undefined;
}

function sessionCookie(context: RequestContext, value: string): string[] {
  const { name, options } = context.jar.sessionToken;
  return writeChunkedCookie(name, value, { ...options, maxAge: context.config.session.maxAgeSeconds }, context.cookies);
}

/** Starts a session for `user`, keeping `data` (what the `jwt` callback returned) with it. */
export async function createDatabaseSession(context: RequestContext, user: AdapterUser, data: JWT): Promise<string[]> {
  return (await startDatabaseSession(context, user, data)).cookies;
}

async function startDatabaseSession(context: RequestContext, user: AdapterUser, data: JWT): Promise<{ session: AdapterSession; parts: { id: string; secret: string }; cookies: string[] }> {
  const id = randomString(ID_LENGTH);
  const secret = randomString(SECRET_LENGTH);
  const now = new Date();
  const session: AdapterSession = {
    id,
    secretHash: await sha256(secret),
    userId: user.id,
    expires: new Date(now.getTime() + context.config.session.maxAgeSeconds * 1000),
    createdAt: now,
    lastSeenAt: now,
    ip: clientIp(context) ?? null,
    userAgent: context.head.headers.get("user-agent")?.slice(0, 512) ?? null,
    data,
  };
  await configuredAdapter(context, "database sessions").createSession(session);
  return { session, parts: { id, secret }, cookies: sessionCookie(context, `${id}.${secret}`) };
}

/** The request's valid session and user, or `undefined` (the cookie should then be cleared). */
export async function loadDatabaseSession(context: RequestContext): Promise<{ session: AdapterSession; user: AdapterUser } | undefined> {
  const parts = sessionCookieParts(context);
  if (!parts) return undefined;
  const adapter = configuredAdapter(context, "database sessions");
  const secretHash = await sha256(parts.secret);
  const found = await adapter.getSessionAndUser(parts.id, secretHash);
  if (!found || !timingSafeEqual(secretHash, found.session.secretHash)) return undefined;
  if (found.session.expires.getTime() <= Date.now()) {
    await adapter.deleteSession(found.session.id);
    return undefined;
  }
  // An old-name cookie of a session older than one lifetime: the migration window for it has closed.
  if (parts.previous && found.session.createdAt.getTime() + context.config.session.maxAgeSeconds * 1000 <= Date.now()) return undefined;
  return found;
}

/**
 * The request's Sesame session, or the NextAuth one its cookie names, replaced by a Sesame session (its
 * cookie and the legacy cookie's removal in `cookies`).
 */
async function currentOrLegacy(context: RequestContext): Promise<{ parts?: { id: string; secret: string; previous?: true }; found?: { session: AdapterSession; user: AdapterUser }; cookies: string[] }> {
  const parts = sessionCookieParts(context);
  if (parts) return { parts, found: await loadDatabaseSession(context), cookies: [] };
  const legacy = await findLegacyDatabaseSession(context);
  if (!legacy.found) return { cookies: legacy.clear };
  const { user, session: old, clear } = legacy.found;
  const started = await startDatabaseSession(context, user, {});
  await configuredAdapter(context, "database sessions").deleteSession(old.id);
  return { parts: started.parts, found: { session: started.session, user }, cookies: [...started.cookies, ...clear] };
}

export async function readDatabaseSession(context: RequestContext, options: ReadOptions = {}): Promise<SessionState> {
  const hasCookie = readChunkedCookie(context.cookies, context.jar.sessionToken.name) !== undefined || previousSessionCookie(context) !== undefined;
  const { parts, found, cookies: adopted } = await currentOrLegacy(context);
  if (!parts || !found) return { session: null, token: null, cookies: hasCookie ? [...clearSessionCookies(context), ...adopted] : adopted };
  const adapter = configuredAdapter(context, "database sessions");
  const { config } = context;
  let { session: stored } = found;
  const { user } = found;
  let token: JWT = { ...stored.data, sub: user.id };

  const fresh: Freshness = expiresSoon(context, token) ? await ensureFresh(context, token) : { token, changed: false };
  if (fresh.error && config.tokens.onRefreshError === "end-session") {
    await adapter.deleteSession(stored.id);
    return { session: null, token: null, cookies: clearSessionCookies(context), error: fresh.error };
  }
  if (fresh.changed) {
    token = fresh.token;
    await adapter.updateSession(stored.id, { data: token });
  }

  // An old-name cookie moves to the new name on this response.
  let cookies: string[] = parts.previous ? [...sessionCookie(context, `${parts.id}.${parts.secret}`), ...clearPreviousSessionCookie(context)] : adopted;
  const endSession = async (): Promise<SessionState> => {
    await adapter.deleteSession(stored.id);
    return { session: null, token: null, cookies: clearSessionCookies(context) };
  };
  if (options.update) {
    let updated: JWT | null;
    try {
      updated = await config.callbacks.jwt({ token: tokenForCallbacks(token, config.session.exposeAuthentication), trigger: "update", session: options.update.data });
    } catch (error) {
      callbackEndsSession(context, "jwt", error);
      return endSession();
    }
    if (!updated) return endSession();
    token = keepAuthenticationClaims(updated, token);
    await adapter.updateSession(stored.id, { data: token });
  }

  const now = Date.now();
  if (!options.readOnly && now - stored.lastSeenAt.getTime() >= config.session.updateAgeSeconds * 1000) {
    stored = { ...stored, expires: new Date(now + config.session.maxAgeSeconds * 1000), lastSeenAt: new Date(now) };
    await adapter.updateSession(stored.id, { expires: stored.expires, lastSeenAt: stored.lastSeenAt });
    cookies = [...sessionCookie(context, `${parts.id}.${parts.secret}`), ...clearPreviousSessionCookie(context)];
  }

  if (options.tokenOnly) return { session: null, token, cookies };
  const base = sessionShape(context, { id: user.id, name: user.name, email: user.email, image: user.image }, stored.expires.toISOString(), token, context.config.tokens.exposeAccessToken ? await exposedAccessToken(context, token) : undefined);
  let session: Session = base;
  if (config.callbacks.session !== defaultCallbacks.session) {
    try {
      session = await config.callbacks.session({ session: base, token: tokenForCallbacks(token, config.session.exposeAuthentication), user, ...(options.update && { trigger: "update" as const, newSession: options.update.data }) });
    } catch (error) {
      callbackEndsSession(context, "session", error);
      return endSession();
    }
  }
  if (config.events.session) await emit(context, "session", { session, token });
  return { session, token, cookies };
}

/** Deletes the request's session (sign-out) and returns it, with the cookies that clear it. */
export async function endDatabaseSession(context: RequestContext): Promise<{ session: AdapterSession | null; cookies: string[] }> {
  const legacy = sessionCookieParts(context) ? undefined : await findLegacyDatabaseSession(context);
  const found = legacy ? legacy.found : await loadDatabaseSession(context);
  if (found) await configuredAdapter(context, "database sessions").deleteSession(found.session.id);
  return { session: found?.session ?? null, cookies: [...clearSessionCookies(context), ...(legacy?.found?.clear ?? legacy?.clear ?? [])] };
}
