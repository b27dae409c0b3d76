/**
 * Every failure Sesame reports has a class here, a stable `type` a program can switch on, and the HTTP
 * status it maps to. Messages say what to do, because they are read by the developer who has to fix it.
 * See docs/errors.md for the list.
 */

export type ErrorType =
  // Configuration: the app is set up wrongly. Reported as 500 `Configuration`, details logged.
  | "MissingSecret"
  | "InvalidSecret"
  | "UntrustedHost"
  | "InvalidConfiguration"
  // The request is wrong. Reported with its own status and type.
  | "MissingCSRF"
  | "InvalidRequest"
  | "UnknownAction"
  | "UnknownProvider"
  | "MethodNotAllowed"
  // Sign-in was refused or failed.
  | "CredentialsSignin"
  | "AccessDenied"
  | "CallbackRouteError"
  // OAuth / OpenID Connect.
  | "OAuthSignInError"
  | "OAuthCallbackError"
  | "InvalidCheck"
  | "OAuthAccountNotLinked"
  | "RateLimited"
  | "EmailSignin"
  | "Verification"
  // Storage.
  | "AdapterError";

/** Base class: `type` identifies the failure, `status` is the HTTP status it answers with. */
export abstract class SesameError extends Error {
  abstract readonly type: ErrorType;
  abstract readonly status: number;
  /** Configuration errors are the developer's to fix; their details are logged, not sent to visitors. */
  readonly isConfigurationError: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

abstract class ConfigurationError extends SesameError {
  readonly status = 500;
  override readonly isConfigurationError = true;
}

/** No secret: set `AUTH_SECRET` (or pass `secret`). */
export class MissingSecret extends ConfigurationError {
  readonly type = "MissingSecret";
  constructor() {
    super(
      "No secret is configured. Set AUTH_SECRET in the environment (generate one with `npx sesame secret`) " +
        "or pass `secret` in the Sesame config.",
    );
  }
}

/** A secret shorter than 32 characters is too easy to guess to protect sessions. */
export class InvalidSecret extends ConfigurationError {
  readonly type = "InvalidSecret";
}

/** In production the public URL must come from `AUTH_URL` or be explicitly trusted with `trustHost`. */
export class UntrustedHost extends ConfigurationError {
  readonly type = "UntrustedHost";
}

/** Any other setting that cannot work (unknown provider type, invalid basePath, …). */
export class InvalidConfiguration extends ConfigurationError {
  readonly type = "InvalidConfiguration";
}

/** A state-changing POST came without a valid CSRF token. Nothing was changed. */
export class MissingCSRF extends SesameError {
  readonly type = "MissingCSRF";
  readonly status = 403;
  constructor(message = "CSRF token missing or invalid. Fetch one from GET /csrf and send it as `csrfToken`.") {
    super(message);
  }
}

/** The request body or parameters cannot be parsed. */
export class InvalidRequest extends SesameError {
  readonly type = "InvalidRequest";
  readonly status = 400;
}

/** The path under `basePath` names no route. */
export class UnknownAction extends SesameError {
  readonly type = "UnknownAction";
  readonly status = 404;
}

/** The path names a provider that is not configured. */
export class UnknownProvider extends SesameError {
  readonly type = "UnknownProvider";
  readonly status = 404;
}

/** The route exists but not for this HTTP method. */
export class MethodNotAllowed extends SesameError {
  readonly type = "MethodNotAllowed";
  readonly status = 405;
  constructor(
    readonly allow: readonly string[],
    message: string,
  ) {
    super(message);
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

/** The `signIn` callback refused the user. */
export class AccessDenied extends SesameError {
  readonly type = "AccessDenied";
  readonly status = 403;
}

/** Something failed while signing in (a callback threw, a provider misbehaved). The cause is logged. */
export class CallbackRouteError extends SesameError {
  readonly type = "CallbackRouteError";
  readonly status = 500;
}

/** Starting an OAuth sign-in failed: discovery or the provider's metadata is unreachable or invalid. */
export class OAuthSignInError extends SesameError {
  readonly type = "OAuthSignInError";
  readonly status = 502;
}

/**
 * The provider's answer could not be accepted: it reported an error (the user cancelled), its token
 * endpoint failed, timed out or sent garbage, or the ID token did not validate. The cause is logged.
 */
export class OAuthCallbackError extends SesameError {
  readonly type = "OAuthCallbackError";
  readonly status = 502;
}

/**
 * The callback does not belong to a sign-in this browser started: the state, PKCE or nonce check values
 * are missing, do not match, were made for another provider, or were already used.
 */
export class InvalidCheck extends SesameError {
  readonly type = "InvalidCheck";
  readonly status = 400;
}

/**
 * The provider account's email belongs to a user who signed up with another provider. Linking them
 * automatically would let whoever controls that provider account take over the user; allow it per
 * provider with `allowDangerousEmailAccountLinking` only for providers that verify emails.
 */
export class OAuthAccountNotLinked extends SesameError {
  readonly type = "OAuthAccountNotLinked";
  readonly status = 409;
}

/** Too many sign-in attempts from this address or for this account. Try again after `retryAfter` seconds. */
export class RateLimited extends SesameError {
  readonly type = "RateLimited";
  readonly status = 429;
  constructor(readonly retryAfter: number) {
    super(`Too many sign-in attempts. Try again in ${retryAfter} seconds.`);
  }
}

/** An email sign-in could not start: the address is not valid, or the link could not be sent. */
export class EmailSignin extends SesameError {
  readonly type = "EmailSignin";
  readonly status = 400;
}

/** The email sign-in link is invalid, was already used, or has expired. */
export class Verification extends SesameError {
  readonly type = "Verification";
  readonly status = 403;
}

/** The adapter (database) failed or did not answer in time. Nothing was half-written; retry later. */
export class AdapterError extends SesameError {
  readonly type = "AdapterError";
  readonly status = 503;
}

/**
 * The error code shown on pages and sent in `?error=`. Configuration problems collapse into one public code
 * so that visitors learn nothing about the setup.
 */
export function publicErrorCode(error: SesameError): string {
  if (error.isConfigurationError) return "Configuration";
  if (error instanceof CallbackRouteError) return "Configuration";
  return error.type;
}
