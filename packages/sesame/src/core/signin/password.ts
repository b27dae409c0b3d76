/**
 * Signing in with email and password (`Password()`): the address's user, their stored hash, one check that
 * costs the same whether or not either exists, and a new hash when the stored one was made with parameters
 * other than today's (so raising the cost reaches every active user).
 */
import type { AdapterUser } from "../adapter.js";
import { CredentialsSignin } from "../errors.js";
import type { PasswordProvider } from "../provider/password.js";
import { normalizeEmail } from "./email.js";
import type { ResolvedAccounts } from "../config/accounts.js";

/**
 * The user whose email and password these are, or `CredentialsSignin` — the same for an unknown address, a
 * wrong password, a user without a password and an address not verified.
 */
export async function authorizeWithPassword(
  accounts: ResolvedAccounts,
  provider: PasswordProvider,
  { email: typed, password }: { email: string | undefined; password: string | undefined },
): Promise<AdapterUser> {
  const email = passwordIdentifier(accounts, typed);
  const user = email ? await accounts.adapter.getUserByEmail(email) : null;
  const hash = user ? await accounts.adapter.getPasswordHash(user.id) : null;
  // Always one check: without a hash it runs against a dummy, so timing does not tell which accounts exist.
  const matches = await provider.accounts.verify(typeof password === "string" ? password : "", hash);
  if (!user || !hash || !matches || !user.emailVerified) throw new CredentialsSignin();
  if (provider.accounts.needsRehash(hash)) await accounts.adapter.setPasswordHash(user.id, await provider.accounts.hash(password as string));
  return user;
}

/** What the rate limit counts a password sign-in under: the address as it will be looked up. */
export function passwordIdentifier(accounts: ResolvedAccounts, typed: string | undefined): string | undefined {
  try {
    return normalizeEmail(accounts.mailer, typed);
  } catch {
    return undefined;
  }
}
