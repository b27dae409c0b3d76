/**
 * Step-up ("sudo mode") for the app's own code: the session, if its user authenticated within `maxAge`
 * seconds; otherwise `ReauthenticationRequired`, carrying the sign-in page to send the user to. That page is
 * marked as a re-authentication (`maxAge`), so an OpenID Connect provider is asked for a fresh login
 * (`max_age`) and held to it, and it brings the user back to `callbackUrl`. Signed out counts as not recent.
 */
import type { SesameConfig } from "../config/options.js";
import { resolveConfig } from "../config/resolve.js";
import { createContext, type RequestContext, type RequestHead } from "../context.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { ReauthenticationRequired } from "../errors.js";
import { maxAgeMarker } from "../step-up-marker.js";
import type { JWT, Session } from "../types.js";
import { signInPageUrl } from "../urls.js";
import { isRecentAuthentication } from "./authentication-claims.js";
import { readSession, type ReadOptions, type SessionState } from "./read.js";

/**
 * Options of `requireRecentAuth`: `maxAge`, the seconds since the user last authenticated (the token's
 * `auth_time`) that still count as recent; `callbackUrl`, where to come back after signing in again
 * (default: the request's own URL); `readOnly`, as for `getSession`.
 *
 * @example
 * ```ts
 * const options: RecentAuthOptions = { maxAge: 300, callbackUrl: "/settings/security" };
 * ```
 */
export interface RecentAuthOptions {
  maxAge: number;
  callbackUrl?: string;
  readOnly?: boolean;
}

/**
 * What `requireRecentAuth` returns: a session state whose session is there, and recent.
 *
 * @example
 * ```ts
 * const { session, cookies }: RecentSession = await requireRecentAuth(request, config, { maxAge: 300 });
 * ```
 */
export interface RecentSession extends SessionState {
  session: Session;
  token: JWT;
}

/** The request's session if recent enough; otherwise `ReauthenticationRequired` with the marked sign-in URL. */
export async function recentSessionOf(context: RequestContext, { maxAge, callbackUrl }: RecentAuthOptions, read: ReadOptions = {}): Promise<RecentSession> {
  if (typeof maxAge !== "number" || !Number.isFinite(maxAge) || maxAge < 0) {
    throw new TypeError("requireRecentAuth({ maxAge }) takes the seconds a sign-in counts as recent (0 or more).");
  }
  const state = await readSession(context, read);
  if (state.session && state.token && isRecentAuthentication(state.token, maxAge)) return state as RecentSession;
  const destination = await resolveCallbackUrl(context, callbackUrl ?? context.url.href);
  const signInUrl = signInPageUrl(context, { callbackUrl: destination, maxAge: maxAgeMarker(maxAge) });
  throw new ReauthenticationRequired(
    state.session ? `This needs a sign-in from the last ${maxAge} seconds: sign in again.` : "This needs a recent sign-in, and there is no session: sign in.",
    { signInUrl },
  );
}

/**
 * Step-up for route handlers, server actions and any runtime: resolves to the session (as `getSession`:
 * `{ session, token, cookies }`) when the user authenticated within `maxAge` seconds. Otherwise, signed out
 * included, rejects with `ReauthenticationRequired`, whose `signInUrl` is the sign-in page marked as a
 * re-authentication (OpenID Connect providers get `max_age` and their `auth_time` is checked), returning to
 * `callbackUrl` (default: this request's URL).
 *
 * @example
 * ```ts
 * import { requireRecentAuth, ReauthenticationRequired } from "sesame-auth";
 * export async function POST(request: Request) {
 *   try {
 *     const { session } = await requireRecentAuth(request, config, { maxAge: 300, callbackUrl: "/billing" });
 *     return Response.json(await closeAccount(session));
 *   } catch (error) {
 *     if (error instanceof ReauthenticationRequired) return Response.json({ signInUrl: error.signInUrl }, { status: 401 });
 *     throw error;
 *   }
 * }
 * ```
 */
export function requireRecentAuth(request: RequestHead, config: SesameConfig, options: RecentAuthOptions): Promise<RecentSession> {
  try {
    return recentSessionOf(createContext(request, resolveConfig(config)), options, { readOnly: options.readOnly ?? false });
  } catch (error) {
    // A config error comes back as a rejection, as from getSession.
    return Promise.reject(error);
  }
}
