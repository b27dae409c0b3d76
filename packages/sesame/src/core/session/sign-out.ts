/**
 * Ending the request's session, whichever strategy keeps it: the database row is deleted, or the JWT's id
 * is revoked (with revocation on); the cookies are cleared; the `signOut` event is told; and, for providers
 * that asked, the browser is sent on to end the provider's session too.
 */
import type { RequestContext } from "../context.js";
import { emit } from "../events.js";
import { providerLogoutUrl } from "../oauth/logout.js";
import type { JWT } from "../types.js";
import { endDatabaseSession } from "./database-session.js";
import { readSessionToken, sessionTokenOf } from "./jwt-session.js";
import { clearSessionCookies } from "./session-cookie.js";
import { readLegacySession } from "./legacy.js";
import { forgetUpstream } from "../upstream/kept.js";

export async function signOutSession(context: RequestContext, callbackUrl: string): Promise<{ cookies: string[]; redirectTo: string }> {
  let token: JWT | null;
  let cookies: string[];
  if (context.config.session.strategy === "database") {
    const ended = await endDatabaseSession(context);
    token = ended.session?.data ?? null;
    cookies = ended.cookies;
    await emit(context, "signOut", { token, session: ended.session });
  } else {
    const { revocation, legacyCookies } = context.config;
    const source = sessionTokenOf(context);
    // A NextAuth token under the app's own cookie name (kept next-auth's) is the session too.
    token = source ? (await readSessionToken(context, source)).decoded : null;
    cookies = clearSessionCookies(context);
    // A NextAuth / Auth.js cookie still in the browser would sign it back in on the next request: it ends too.
    // (A migrated Sesame token keeps the legacy id, so revoking either kills copies of both.)
    const legacy = legacyCookies ? await readLegacySession(context) : undefined;
    if (legacy) {
      cookies.push(...legacy.clear);
      token ??= legacy.claims;
    }
    // Before the revocation check below may set `token` aside: a replayed copy's tokens go too.
    await forgetStoredUpstream(context, token);
    if (token && revocation) {
      if (!revocation.ready) await revocation.start();
      // A token revoked already is nobody's session: a copy replayed here gets nothing out of it (the ID
      // token that the provider's logout URL would carry; the signOut event gets no token).
      const live = revocation.check(token) === "valid";
      // With revocation on, the signed-out token is dead everywhere, even if someone kept a copy.
      if (token.jti && token.exp) await revocation.revoke(token.jti, token.exp);
      if (legacy && legacy.claims.jti !== token.jti) await revocation.revoke(legacy.claims.jti, legacy.claims.exp);
      if (!live) token = null;
    }
    await emit(context, "signOut", { token });
  }
  const redirectTo = (token && (await providerLogoutUrl(context, token, callbackUrl))) ?? callbackUrl;
  return { cookies, redirectTo };
}

/**
 * Deletes the signed-out session's stored upstream tokens (`tokens.store`). A store that fails keeps them until
 * they expire with the session: the cookie that referenced them is cleared (and revoked, with revocation on),
 * so sign-out goes on, and the log says what was left behind.
 */
async function forgetStoredUpstream(context: RequestContext, token: JWT | null): Promise<void> {
  try {
    await forgetUpstream(context, token);
  } catch (error) {
    context.config.logger.warn("TokenStoreUnavailable", `The signed-out session's upstream tokens stay stored until it expires: ${error instanceof Error ? error.message : String(error)}`);
  }
}
