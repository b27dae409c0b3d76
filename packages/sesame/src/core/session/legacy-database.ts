/**
 * Database sessions that NextAuth / Auth.js started, in the database an app brought along. Their cookie
 * carries the session token itself (a UUID, or 64 hex digits), stored as is: Sesame looks it up once
 * (`adapter.getLegacySession`), starts a Sesame session for the same user in its place and deletes the
 * old row, so the plain token leaves the database on the user's first visit, and nobody is signed out.
 */
import type { AdapterSession, AdapterUser } from "../adapter.js";
import type { RequestContext } from "../context.js";
import { clearChunkedCookie } from "../cookies/chunking.js";

/** The names next-auth 4 and Auth.js v5 give their session cookie, over http and https. */
const LEGACY_NAMES = ["authjs.session-token", "__Secure-authjs.session-token", "next-auth.session-token", "__Secure-next-auth.session-token"];

/**
 * The form of the tokens they generate (`randomUUID()`, or `randomBytes(32)` in hex). Anything else is not
 * theirs and is not looked up; a dot never occurs, so a row Sesame wrote (`<id>.<hash>`) cannot be
 * presented as one.
 */
const LEGACY_TOKEN = /^[\w-]{32,255}$/;

export interface LegacyDatabaseSession {
  session: AdapterSession;
  user: AdapterUser;
  /** `Set-Cookie` values removing the legacy cookie (none when it has the session cookie's own name). */
  clear: string[];
}

function clearLegacyCookie(context: RequestContext, name: string): string[] {
  if (name === context.jar.sessionToken.name) return [];
  return clearChunkedCookie(name, { path: "/", secure: name.startsWith("__Secure-") }, context.cookies);
}

/**
 * The request's NextAuth database session, if it carries one that the adapter still has; `undefined`
 * otherwise, with `clear` set when a legacy cookie names a session the database no longer has (it is dropped,
 * so that it is not looked up again on every request).
 */
export async function findLegacyDatabaseSession(context: RequestContext): Promise<{ found?: LegacyDatabaseSession; clear: string[] }> {
  const adapter = context.config.adapter;
  if (!adapter?.getLegacySession || !context.config.legacyCookies) return { clear: [] };
  const own = context.jar.sessionToken.name;
  const clear: string[] = [];
  for (const name of new Set([own, ...LEGACY_NAMES])) {
    const token = context.cookies.get(name);
    if (!token || !LEGACY_TOKEN.test(token)) continue;
    const found = await adapter.getLegacySession(token);
    if (!found) {
      clear.push(...clearLegacyCookie(context, name));
      continue;
    }
    if (found.session.expires.getTime() <= Date.now()) {
      await adapter.deleteSession(found.session.id);
      clear.push(...clearLegacyCookie(context, name));
      continue;
    }
    return { found: { ...found, clear: [...clear, ...clearLegacyCookie(context, name)] }, clear };
  }
  return { clear };
}
