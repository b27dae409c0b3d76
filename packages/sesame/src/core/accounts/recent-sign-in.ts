/**
 * Step-up by recency: some changes (adding or removing a passkey) need a sign-in from the last few minutes,
 * not just a session, so that a session left open on someone else's computer — or a stolen cookie — cannot
 * be used to plant a way back in or to lock the owner out. The proof is the session's `auth_time`, which only
 * a sign-in sets; a session from before Sesame recorded it has none and counts as old.
 */
import { ReauthenticationRequired } from "../errors.js";
import { isRecentAuthentication } from "../session/authentication-claims.js";
import type { SignedIn } from "./session.js";

/** Throws `ReauthenticationRequired` unless the user signed in within the last `maxAgeSeconds`. */
export function assertRecentSignIn({ token }: SignedIn, maxAgeSeconds: number): void {
  if (isRecentAuthentication(token, maxAgeSeconds)) return;
  const minutes = Math.max(1, Math.round(maxAgeSeconds / 60));
  throw new ReauthenticationRequired(`Sign in again first: this needs a sign-in from the last ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}
