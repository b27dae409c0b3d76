/**
 * Every failure Sesame reports has a class here: a stable `type`, the HTTP `status` it answers with, the
 * `publicCode` a visitor may see, and the `headers` its response needs (`Retry-After`, `Allow`). The error
 * carries its whole answer, so the one place that turns errors into responses (`core/auth.ts`) only reads
 * it. Messages say what to do, because they are read by the developer who has to fix it. See docs/errors.md
 * for the list.
 */

/**
 * The public code of each error type: what pages, `?error=` and JSON `error` carry. Configuration problems
 * (and callbacks that threw) collapse into `Configuration`, so that visitors learn nothing about the setup.
 * A new error type must be added here, which also adds it to `SesameErrorCode`.
 */
const PUBLIC_CODES = {
  // Configuration: the app is set up wrongly. Reported as 500 `Configuration`, details logged.
  MissingSecret: "Configuration",
  InvalidSecret: "Configuration",
  UntrustedHost: "Configuration",
  InvalidConfiguration: "Configuration",
  // The request is wrong. Reported with its own status and type.
  MissingCSRF: "MissingCSRF",
  InvalidRequest: "InvalidRequest",
  UnknownAction: "UnknownAction",
  UnknownProvider: "UnknownProvider",
  MethodNotAllowed: "MethodNotAllowed",
  // Sign-in was refused or failed.
  CredentialsSignin: "CredentialsSignin",
  AccessDenied: "AccessDenied",
  CallbackRouteError: "Configuration",
  SessionTokenError: "SessionTokenError",
  // OAuth / OpenID Connect.
  OAuthSignInError: "OAuthSignInError",
  OAuthCallbackError: "OAuthCallbackError",
  InvalidCheck: "InvalidCheck",
  StaleAuthentication: "StaleAuthentication",
  OAuthAccountNotLinked: "OAuthAccountNotLinked",
  RateLimited: "RateLimited",
  EmailSignin: "EmailSignin",
  Verification: "Verification",
  // Accounts.
  WeakPassword: "WeakPassword",
  SessionRequired: "SessionRequired",
  SecondFactorFailed: "SecondFactorFailed",
  ReauthenticationRequired: "ReauthenticationRequired",
  // Passkeys (WebAuthn).
  WebAuthnVerificationError: "WebAuthnVerificationError",
  PasskeyNotFound: "PasskeyNotFound",
  // Storage.
  AdapterError: "AdapterError",
} as const;

/**
 * The `type` of every error class: which failure it was, in full (`MissingSecret`, not `Configuration`).
 * Read it in logs and in your own `catch`; what visitors see is the `SesameErrorCode`.
 *
 * @example
 * ```ts
 * import { SesameError, type ErrorType } from "sesame-auth";
 * function isSecretProblem(error: unknown): boolean {
 *   const setup: ErrorType[] = ["MissingSecret", "InvalidSecret"];
 *   return error instanceof SesameError && setup.includes(error.type);
 * }
 * ```
 */
export type ErrorType = keyof typeof PUBLIC_CODES;

/**
 * The error codes Sesame sends to clients: the JSON `error` of a failed request, `?error=` on the error
 * and sign-in pages, and `publicCode` of every error. Configuration problems are all `Configuration`.
 *
 * @example
 * ```ts
 * import type { SesameErrorCode } from "sesame-auth";
 * function explain(code: SesameErrorCode): string {
 *   switch (code) {
 *     case "CredentialsSignin": return "Wrong email or password.";
 *     case "RateLimited": return "Too many attempts; wait a minute.";
 *     default: return "Sign-in failed.";
 *   }
 * }
 * ```
 */
export type SesameErrorCode = (typeof PUBLIC_CODES)[ErrorType];

/**
 * Base class: `type` identifies the failure, `status` is the HTTP status it answers with, `publicCode` what
 * a visitor sees, `headers` what the response must carry besides.
 *
 * @example
 * ```ts
 * import { SesameError } from "sesame-auth";
 * try {
 *   await signIn("credentials", form);
 * } catch (error) {
 *   if (error instanceof SesameError) console.warn(error.type, error.status, error.publicCode);
 *   else throw error;
 * }
 * ```
 */
export abstract class SesameError extends Error {
  abstract readonly type: ErrorType;
  abstract readonly status: number;
  /** Configuration errors are the developer's to fix; their details are logged, not sent to visitors. */
  readonly isConfigurationError: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** The code shown on pages, in `?error=` and in the JSON `error`: `type`, or `Configuration` for the setup's failures. */
  get publicCode(): SesameErrorCode {
    return PUBLIC_CODES[this.type];
  }

  /** Headers the error's response must carry (`Retry-After`, `Allow`); none by default. */
  get headers(): Readonly<Record<string, string>> {
    return {};
  }
}

abstract class ConfigurationError extends SesameError {
  readonly status = 500;
  override readonly isConfigurationError = true;
}

/**
 * No secret: set `AUTH_SECRET` (or pass `secret`). Reported as `Configuration` (500); the details are logged.
 *
 * @example
 * ```ts
 * import { Auth, MissingSecret } from "sesame-auth";
 * // Without AUTH_SECRET, every request answers 500 { error: "Configuration" } and logs a MissingSecret.
 * const config = { providers, logger: { error: (e: Error) => e instanceof MissingSecret && alertOps(e) } };
 * ```
 */
export class MissingSecret extends ConfigurationError {
  readonly type = "MissingSecret";
  constructor() {
    super(
      "No secret is configured. Set AUTH_SECRET in the environment (generate one with `npx sesame-auth secret`) " +
        "or pass `secret` in the Sesame config.",
    );
  }
}

/**
 * A secret shorter than 32 characters is too easy to guess to protect sessions. Reported as `Configuration`.
 *
 * @example
 * ```ts
 * // npx sesame-auth secret  → a 32-byte random secret; put it in AUTH_SECRET
 * const config = { secret: process.env.AUTH_SECRET, providers }; // "short" would throw InvalidSecret
 * ```
 */
export class InvalidSecret extends ConfigurationError {
  readonly type = "InvalidSecret";
}

/**
 * In production the public URL must come from `AUTH_URL` or be explicitly trusted with `trustHost`; email
 * links need `AUTH_URL` or `allowedHosts`. Reported as `Configuration`.
 *
 * @example
 * ```ts
 * // Behind a proxy you control, either set AUTH_URL=https://example.com or trust the forwarded host:
 * const config = { trustHost: true, providers };
 * ```
 */
export class UntrustedHost extends ConfigurationError {
  readonly type = "UntrustedHost";
}

/**
 * Any other setting that cannot work (unknown provider type, invalid basePath, …); the message names the
 * option. Reported as `Configuration`.
 *
 * @example
 * ```ts
 * import { Auth, InvalidConfiguration } from "sesame-auth";
 * const logger = { error: (e: Error) => { if (e instanceof InvalidConfiguration) console.error("fix the config:", e.message); } };
 * ```
 */
export class InvalidConfiguration extends ConfigurationError {
  readonly type = "InvalidConfiguration";
}

/**
 * A state-changing POST came without a valid CSRF token (403). Nothing was changed.
 *
 * @example
 * ```ts
 * const { csrfToken } = await (await fetch("/api/auth/csrf")).json();
 * await fetch("/api/auth/signout", { method: "POST", body: new URLSearchParams({ csrfToken }) });
 * // without csrfToken: 403 { error: "MissingCSRF" }
 * ```
 */
export class MissingCSRF extends SesameError {
  readonly type = "MissingCSRF";
  readonly status = 403;
  constructor(message = "CSRF token missing or invalid. Fetch one from GET /csrf and send it as `csrfToken`.") {
    super(message);
  }
}

/**
 * The request body or parameters cannot be parsed (400): malformed JSON, an unsupported content type, a
 * body over 64 KiB, update `data` that is not an object.
 *
 * @example
 * ```ts
 * const response = await fetch("/api/auth/session", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
 * // 400 { error: "InvalidRequest", message: "Unsupported content type …" }
 * ```
 */
export class InvalidRequest extends SesameError {
  readonly type = "InvalidRequest";
  readonly status = 400;
}

/**
 * The path under `basePath` names no route (404).
 *
 * @example
 * ```ts
 * await fetch("/api/auth/nope"); // 404 { error: "UnknownAction" }
 * ```
 */
export class UnknownAction extends SesameError {
  readonly type = "UnknownAction";
  readonly status = 404;
}

/**
 * The path names a provider that is not configured (404).
 *
 * @example
 * ```ts
 * await signIn("gitlab"); // with no GitLab provider configured: throws UnknownProvider
 * ```
 */
export class UnknownProvider extends SesameError {
  readonly type = "UnknownProvider";
  readonly status = 404;
}

/**
 * The route exists but not for this HTTP method (405); its `Allow` header lists the methods that are.
 *
 * @example
 * ```ts
 * const response = await fetch("/api/auth/session", { method: "PUT" });
 * response.headers.get("allow"); // "GET, POST"
 * ```
 */
export class MethodNotAllowed extends SesameError {
  readonly type = "MethodNotAllowed";
  readonly status = 405;
  constructor(
    readonly allow: readonly string[],
    message: string,
  ) {
    super(message);
  }

  override get headers(): Readonly<Record<string, string>> {
    return { allow: this.allow.join(", ") };
  }
}

/**
 * Wrong credentials. Throw it (or a subclass with your own `code`) from `authorize` to tell the client why:
 * the code reaches the sign-in page as `?error=CredentialsSignin&code=<code>`.
 *
 * @example
 * ```ts
 * class AccountLocked extends CredentialsSignin { override code = "account_locked" }
 * ```
 */
export class CredentialsSignin extends SesameError {
  readonly type = "CredentialsSignin";
  readonly status = 401;
  /** Sent to the client; keep it free of secrets and of whether the account exists. */
  code = "credentials";
  constructor(message = "The credentials were not accepted.", options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The `signIn` callback refused the user (403), or `jwt` returned no token on sign-in.
 *
 * @example
 * ```ts
 * const config = { providers, callbacks: { signIn: ({ user }) => user.email?.endsWith("@example.com") ?? false } };
 * // anyone else lands on the error page with ?error=AccessDenied
 * ```
 */
export class AccessDenied extends SesameError {
  readonly type = "AccessDenied";
  readonly status = 403;
}

/**
 * Something failed while signing in (a callback threw, a provider misbehaved). The cause is logged; visitors
 * see `Configuration` (500).
 *
 * @example
 * ```ts
 * import { CallbackRouteError } from "sesame-auth";
 * const logger = { error: (e: Error) => { if (e instanceof CallbackRouteError) report(e.cause); } };
 * ```
 */
export class CallbackRouteError extends SesameError {
  readonly type = "CallbackRouteError";
  readonly status = 500;
}

/**
 * A `jwt` or `session` callback threw while a session was read: the session ends (no session, its cookie
 * cleared), as a callback returning `null` ends it and as NextAuth does, so that a callback may throw to
 * sign a user out (a token version that moved on). Logged with the callback's error as `cause`; never sent.
 *
 * @example
 * ```ts
 * import { SessionTokenError } from "sesame-auth";
 * const logger = { error: (e: Error) => { if (e instanceof SessionTokenError) report(e.cause); } };
 * ```
 */
export class SessionTokenError extends SesameError {
  readonly type = "SessionTokenError";
  readonly status = 500;
}

/**
 * Starting an OAuth sign-in failed (502): discovery or the provider's metadata is unreachable or invalid.
 *
 * @example
 * ```ts
 * // The provider's /.well-known/openid-configuration is down:
 * // POST /api/auth/signin/google → error page with ?error=OAuthSignInError
 * ```
 */
export class OAuthSignInError extends SesameError {
  readonly type = "OAuthSignInError";
  readonly status = 502;
}

/**
 * The provider's answer could not be accepted (502): it reported an error (the user cancelled), its token
 * endpoint failed, timed out or sent garbage, or the ID token did not validate. The cause is logged.
 *
 * @example
 * ```ts
 * // The user pressed "Cancel" at the provider:
 * // GET /api/auth/callback/github?error=access_denied&state=… → error page with ?error=OAuthCallbackError
 * ```
 */
export class OAuthCallbackError extends SesameError {
  readonly type = "OAuthCallbackError";
  readonly status = 502;
}

/**
 * The callback does not belong to a sign-in this browser started (400): the state, PKCE or nonce check
 * values are missing, do not match, were made for another provider, or were already used.
 *
 * @example
 * ```ts
 * // A callback URL replayed in another browser (no check cookie):
 * // GET /api/auth/callback/google?code=…&state=… → error page with ?error=InvalidCheck
 * ```
 */
export class InvalidCheck extends SesameError {
  readonly type = "InvalidCheck";
  readonly status = 400;
}

/**
 * The provider account's email belongs to a user who signed up with another provider (409). Linking them
 * automatically would let whoever controls that provider account take over the user; allow it per
 * provider with `allowDangerousEmailAccountLinking` only for providers that verify emails.
 *
 * @example
 * ```ts
 * import Google from "sesame-auth/providers/google";
 * const providers = [Google({ allowDangerousEmailAccountLinking: true })]; // Google verifies emails
 * ```
 */
export class OAuthAccountNotLinked extends SesameError {
  readonly type = "OAuthAccountNotLinked";
  readonly status = 409;
}

/**
 * Too many sign-in attempts from this address or for this account (429). Try again after `retryAfter`
 * seconds, which the response also says in its `Retry-After` header.
 *
 * @example
 * ```ts
 * import { RateLimited } from "sesame-auth";
 * const error = new RateLimited(60);
 * error.headers; // { "retry-after": "60" }
 * ```
 */
export class RateLimited extends SesameError {
  readonly type = "RateLimited";
  readonly status = 429;
  constructor(readonly retryAfter: number) {
    super(`Too many sign-in attempts. Try again in ${retryAfter} seconds.`);
  }

  override get headers(): Readonly<Record<string, string>> {
    return { "retry-after": String(this.retryAfter) };
  }
}

/**
 * A new password does not meet the policy (400). `reason` says which rule: `"too-short"`, `"too-long"`,
 * `"not-well-formed"`, or `"breached"` (found in known data breaches). It says nothing about any account,
 * so forms may show it as it is.
 *
 * @example
 * ```ts
 * const response = await fetch("/api/auth/signup/credentials", { method: "POST", body: form });
 * const { error, reason } = await response.json(); // "WeakPassword", "too-short"
 * ```
 */
export class WeakPassword extends SesameError {
  readonly type = "WeakPassword";
  readonly status = 400;
  constructor(
    readonly reason: "too-short" | "too-long" | "not-well-formed" | "breached",
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request needs a signed-in user, and has no session (401): changing a password or an email.
 *
 * @example
 * ```ts
 * await fetch("/api/auth/account/password", { method: "POST", body }); // signed out: 401 { error: "SessionRequired" }
 * ```
 */
export class SessionRequired extends SesameError {
  readonly type = "SessionRequired";
  readonly status = 401;
}

/**
 * A second factor was refused (400): the code is wrong or was used already, or the sign-in waiting for it
 * has expired or used up its attempts (the message says which; then the user signs in again).
 *
 * @example
 * ```ts
 * await fetch("/api/auth/second-factor", { method: "POST", body }); // 400 { error: "SecondFactorFailed" }
 * ```
 */
export class SecondFactorFailed extends SesameError {
  readonly type = "SecondFactorFailed";
  readonly status = 400;
  /** The sign-in is over (out of tries, its user gone): its cookie goes, and the user signs in again. */
  readonly ended: boolean;

  constructor(message: string, { ended = false, ...options }: ErrorOptions & { ended?: boolean } = {}) {
    super(message, options);
    this.ended = ended;
  }
}

/**
 * The request needs a recent authentication (401, as RFC 9470's step-up): adding or removing a passkey, enrolling
 * or removing a second factor, changing the email, or `requireRecentAuth()` in the app's own code, when the
 * sign-in is older than allowed (or there is none). Sign in again (with any method) and retry; the
 * second-factor and email routes also take the password or a current code with the request.
 * `requireRecentAuth()` sets `signInUrl`: the sign-in page, marked as a re-authentication (`maxAge`), that
 * brings the user back.
 *
 * @example
 * ```ts
 * const response = await fetch("/api/auth/two-factor/disable", { method: "POST", body });
 * if ((await response.json()).error === "ReauthenticationRequired") askForPassword();
 * ```
 */
export class ReauthenticationRequired extends SesameError {
  readonly type = "ReauthenticationRequired";
  readonly status = 401;
  /** Where to send the user to re-authenticate, when the thrower knows (`requireRecentAuth()` does). */
  readonly signInUrl: string | undefined;

  constructor(message: string, options?: { cause?: unknown; signInUrl?: string }) {
    super(message, options);
    this.signInUrl = options?.signInUrl;
  }
}

/**
 * A re-authentication through an OpenID Connect provider did not happen (401): the sign-in asked the
 * provider for a login no older than `max_age` seconds, and the ID token's `auth_time` says the login is
 * older (the provider re-used its session and ignored `max_age`), or the ID token has no `auth_time`. No
 * session was started. The provider must honour `max_age`; `promptLoginOnStepUp` makes Sesame also send
 * `prompt=login`, for a provider that honours only that.
 *
 * @example
 * ```ts
 * // GET /api/auth/callback/acme?code=…&state=… after signIn("acme", { maxAge: 300 }), where Acme re-used
 * // yesterday's login: error page with ?error=StaleAuthentication
 * ```
 */
export class StaleAuthentication extends SesameError {
  readonly type = "StaleAuthentication";
  readonly status = 401;
}

/**
 * A passkey's answer was not accepted (400): the ceremony's challenge was not issued to this browser, was
 * already used or has expired; the passkey is unknown, or belongs to someone else; the origin or RP ID is
 * not the app's; the signature, the user verification or the signature counter did not check out. Nothing
 * was changed. The name is Auth.js's, so clients that read it keep working.
 *
 * @example
 * ```ts
 * import { signInWithPasskey } from "sesame-auth/react";
 * const result = await signInWithPasskey({ redirect: false });
 * if (result.error === "WebAuthnVerificationError") setError("That passkey could not be used. Try again.");
 * ```
 */
export class WebAuthnVerificationError extends SesameError {
  readonly type = "WebAuthnVerificationError";
  readonly status = 400;
}

/**
 * The signed-in user has no passkey with that id (404): renaming or deleting one that is gone, or another
 * user's (which looks the same, so ids reveal nothing).
 *
 * @example
 * ```ts
 * await fetch("/api/auth/passkey/delete", { method: "POST", body }); // { error: "PasskeyNotFound" }
 * ```
 */
export class PasskeyNotFound extends SesameError {
  readonly type = "PasskeyNotFound";
  readonly status = 404;
}

/**
 * An email sign-in could not start (400): the address is not valid, or the link could not be sent.
 *
 * @example
 * ```ts
 * await signIn("email", { email: "not an address" }); // → sign-in page with ?error=EmailSignin
 * ```
 */
export class EmailSignin extends SesameError {
  readonly type = "EmailSignin";
  readonly status = 400;
}

/**
 * The email sign-in link is invalid, was already used, or has expired (403).
 *
 * @example
 * ```ts
 * // Opening the same sign-in link twice: the second time lands on the error page with ?error=Verification
 * ```
 */
export class Verification extends SesameError {
  readonly type = "Verification";
  readonly status = 403;
}

/**
 * The adapter (database) failed or did not answer in time (503). Nothing was half-written; retry later.
 *
 * @example
 * ```ts
 * import { AdapterError } from "sesame-auth";
 * const logger = { error: (e: Error) => { if (e instanceof AdapterError) pageOnCall("auth database", e.cause); } };
 * ```
 */
export class AdapterError extends SesameError {
  readonly type = "AdapterError";
  readonly status = 503;
}

/**
 * The error code shown on pages and sent in `?error=`: the error's `publicCode`. Configuration problems
 * collapse into one public code so that visitors learn nothing about the setup.
 *
 * @example
 * ```ts
 * import { publicErrorCode, MissingSecret, RateLimited } from "sesame-auth";
 * publicErrorCode(new RateLimited(60)); // "RateLimited"
 * publicErrorCode(new MissingSecret()); // "Configuration"
 * ```
 */
export function publicErrorCode(error: SesameError): SesameErrorCode {
  return error.publicCode;
}
