/** What a credentials provider is to the core: the form's fields and `authorize`. */
import type { Awaitable, IssuedTokens, SignInUser } from "../types.js";

/** One field of the credentials form. */
export interface CredentialInput {
  label?: string;
  type?: string;
  placeholder?: string;
  required?: boolean;
  autocomplete?: string;
}

/**
 * The values the form posted, by field name. Every field the provider declares is a string: one the request
 * left out arrives as `""`, as an empty input of a form would. Anything may arrive: `authorize` must validate.
 * (next-auth 4 types these as `Record<field, string> | undefined`: its code — `credentials?.email`, helpers
 * taking `Record<string, string>` — compiles against this type unchanged.)
 */
export type CredentialsValues<Fields extends string = string> = Record<Fields, string>;

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
   * `tokens`, and Sesame keeps them fresh with this hook. No `jwt` callback code needed. Without it
   * Sesame never refreshes them (an app's own `jwt` callback may, as in NextAuth).
   */
  tokens?: {
    refresh(params: { refreshToken: string; accessToken: string }): Awaitable<IssuedTokens>;
  };
}
