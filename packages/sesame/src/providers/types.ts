/** What every provider has in common, and the union of the provider kinds Sesame knows. */
import type { Awaitable, SignInUser } from "../core/types.js";
import type { IssuedTokens } from "../core/tokens/upstream.js";
import type { OAuthProvider } from "./oauth.js";

/** One field of the credentials form. */
export interface CredentialInput {
  label?: string;
  type?: string;
  placeholder?: string;
  required?: boolean;
  autocomplete?: string;
}

/** The values the form posted, by field name. Anything may arrive: `authorize` must validate. */
export type CredentialsValues<Fields extends string = string> = Partial<Record<Fields, string>>;

/** A credentials provider, as `Credentials()` returns it. */
export interface CredentialsProvider<Fields extends string = string> {
  id: string;
  name: string;
  type: "credentials";
  /** The fields of the built-in sign-in form. */
  credentials: Record<Fields, CredentialInput>;
  /**
   * The field that names the account (username, email), for rate limiting per account. Default: the first
   * field that is not a password.
   */
  identifier?: Fields;
  /**
   * Checks the credentials. Return the user to sign in, or `null` to refuse (the client sees
   * `CredentialsSignin`); throw a `CredentialsSignin` subclass to send your own `code`. With an adapter,
   * the user's email is stored unverified (an email-link sign-in to that address then gets its own user)
   * unless you return `emailVerified: true`, which says your app has proven the person owns it.
   */
  authorize(credentials: CredentialsValues<Fields>, request: Request): Awaitable<SignInUser | null | undefined>;
  /**
   * For a backend that issues its own access and refresh tokens: return them from `authorize` as
   * `tokens`, and Sesame keeps them fresh with this hook. No `jwt` callback code needed.
   */
  tokens?: {
    refresh(params: { refreshToken: string; accessToken: string }): Awaitable<IssuedTokens>;
  };
}

/** What `sendVerificationRequest` gets: where to send the link, and the link. */
export interface VerificationRequest {
  /** The normalised email address. */
  identifier: string;
  /** The sign-in link. */
  url: string;
  expires: Date;
  /** The link's host, for the message ("Sign in to example.com"): `AUTH_URL`'s, or an `allowedHosts` entry. */
  host: string;
  provider: EmailProvider;
  request: Request;
}

/** An email (magic link) provider, as `Email()` returns it. */
export interface EmailProvider {
  id: string;
  name: string;
  type: "email";
  /** Seconds a link stays valid. Default: 24 hours. */
  maxAge: number;
  /** Sends the link. Throwing makes the sign-in fail with `EmailSignin` (and the token is discarded). */
  sendVerificationRequest(request: VerificationRequest): Awaitable<void>;
  /**
   * Turns what the user typed into the address to send to and look up. Default: trimmed, lower-cased. Input
   * over 320 characters never reaches it; what it returns is checked (at most 254 characters, one `@`, a
   * dotted domain). Throwing refuses the address with `EmailSignin`.
   */
  normalizeIdentifier?(identifier: string): string;
}

/** Any provider in `providers`: credentials, OAuth / OpenID Connect, or email. */
export type Provider = CredentialsProvider | OAuthProvider | EmailProvider;
