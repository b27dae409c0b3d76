/** Sign-in with a form the app checks itself: a password, a one-time code, or a call to an existing backend. */
import type { CredentialInput, CredentialsProvider } from "./types.js";

export type { CredentialInput, CredentialsProvider, CredentialsValues } from "./types.js";

/**
 * Options of `Credentials`: `authorize` (required) checks the posted values; `credentials` lists the
 * fields of the built-in form; `id` defaults to `"credentials"`.
 *
 * @example
 * ```ts
 * Credentials({ id: "otp", credentials: { code: { label: "Code" } }, authorize: ({ code }) => checkOtp(code) })
 * ```
 */
export interface CredentialsOptions<Fields extends string>
  extends Partial<Omit<CredentialsProvider<Fields>, "authorize" | "credentials">> {
  credentials?: Record<Fields, CredentialInput>;
  authorize: CredentialsProvider<Fields>["authorize"];
}

/**
 * The credentials provider (id `"credentials"`): the app checks the form itself in `authorize`, returning
 * the user or `null`. Failed attempts are rate limited per IP and per account by default.
 *
 * @example
 * ```ts
 * Credentials({
 *   credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
 *   async authorize({ email, password }) {
 *     const user = await db.findUser(email);
 *     // Verify even without a user (no hash): an unknown email then takes as long as a wrong password.
 *     return (await verifyPassword(password, user?.hash)) ? user : null;
 *   },
 * })
 * ```
 */
export default function Credentials<Fields extends string = string>(
  options: CredentialsOptions<Fields>,
): CredentialsProvider<Fields> {
  return {
    id: "credentials",
    name: "Credentials",
    credentials: {} as Record<Fields, CredentialInput>,
    ...options,
    type: "credentials",
  };
}

export { Credentials };
