/**
 * The core as a framework integration sees it (`next/`, `react/`, and any binding to come): the whole of
 * what they may use, in one place. They import the core through this module (and `core/types.ts` for the
 * data model) and nothing else; a lint rule (eslint.config.js) says so. Whatever is not here is the core's
 * own business and may change without a binding noticing.
 *
 * What a binding does with it: answer the HTTP API (`Auth`), read or update a session where there is no
 * auth route (`getSession`, `readSession`), sign in and out from server code (`signInWith`,
 * `signOutSession`), and turn errors into the same codes the routes send.
 */

/** The HTTP API: `Auth(request, config)` answers every route under `basePath`. */
export { Auth, serveAuth } from "./auth.js";
/** The app's options, and their resolution (defaults filled once per config object). */
export type { SesameConfig, Wire } from "./config/options.js";
/** NextAuth's names for the option types (`NextAuthOptions`, `AuthOptions`, `NextAuthConfig`, `CallbacksOptions`): types only. */
export type { AuthOptions, CallbacksOptions, NextAuthConfig, NextAuthOptions } from "./config/nextauth-names.js";
export { resolveConfig, type ResolvedConfig } from "./config/resolve.js";
/** The secrets from an option or the environment (`AUTH_SECRET` / `NEXTAUTH_SECRET`, …), checked: `MissingSecret`, `InvalidSecret`. */
export { resolveSecrets } from "./config/env.js";
/** One request as the core sees it: its head (URL, method, headers), the resolved config, cookies, origin. */
export { createContext, requestHeadOf, requestOf, type RequestContext, type RequestHead, type RequestLike } from "./context.js";
/** Parsing a `Cookie` header, as the core does. */
export { parseCookies } from "./cookies/serialize.js";
/** The typed errors a binding tells apart; each carries its `publicCode`, `status` and `headers`. */
export { CredentialsSignin, ReauthenticationRequired, SesameError, type SesameErrorCode } from "./errors.js";
/** Finding a configured provider by id (an unknown one is `UnknownProvider`). */
export { providerNamed } from "./provider/provider.js";
/** Vetting a destination through the `redirect` callback. */
export { resolveCallbackUrl } from "./callback-url.js";
/** Reading (and renewing, or updating through the `jwt` callback) the session of a request. */
export { getSession } from "./session/get-session.js";
export { readSession, type ReadOptions, type SessionState } from "./session/read.js";
/** Step-up: the session if recent enough, else `ReauthenticationRequired` with the marked sign-in URL. */
export { recentSessionOf } from "./session/recent-auth.js";
/** The re-authentication marker of the sign-in page's URL (`maxAge`). */
export { parseMaxAge } from "./step-up-marker.js";
/** Ending the request's session. */
export { signOutSession } from "./session/sign-out.js";
/** The one sign-in dispatch: credentials, email or OAuth, without a CSRF check (the HTTP route checks it where a request enters). */
export { signInWith } from "./signin/dispatch.js";
export type { SignInOutcome } from "./signin/complete.js";
/** The sign-in page's URL, with an error code and the destination: from a request (`signInPageUrl`) or from the config alone (`signInUrlFor`). */
export { signInPageUrl, signInUrlFor } from "./urls.js";
