/** What every provider has in common, and the union of the provider kinds Sesame knows. */
import type { Awaitable, User } from "../core/types.js";
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
   * `CredentialsSignin`); throw a `CredentialsSignin` subclass to send your own `code`.
   */
  authorize(credentials: CredentialsValues<Fields>, request: Request): Awaitable<User | null | undefined>;
}

export type Provider = CredentialsProvider | OAuthProvider;
