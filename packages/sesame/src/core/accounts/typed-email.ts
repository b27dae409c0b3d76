/** An address typed into an account form: counted against the rate limits, then normalised and checked. */
import type { RequestContext } from "../context.js";
import { limitSignIn } from "../rate-limit/limit.js";
import { normalizeEmail } from "../signin/email.js";
import type { ResolvedAccounts } from "../config/accounts.js";

/**
 * The normalised address, after counting the attempt under `action` (per IP, and per address). Junk is
 * counted against the IP only (never as an identifier, which would let any string become a key in the
 * store), then refused with `EmailSignin`.
 */
export async function typedEmail(context: RequestContext, accounts: ResolvedAccounts, action: string, typed: string | undefined): Promise<string> {
  let email: string;
  try {
    email = normalizeEmail(accounts.mailer, typed);
  } catch (error) {
    await limitSignIn(context, action, undefined);
    throw error;
  }
  await limitSignIn(context, action, email);
  return email;
}
