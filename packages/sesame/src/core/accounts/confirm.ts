/**
 * `POST /verify-email`: the page a mailed link opens posts its token here (a GET that spent the token would
 * let a mail scanner following links use it, and sign itself in). The purpose named in the link chooses
 * the flow; the token only works for that purpose and address.
 */
import type { RequestContext } from "../context.js";
import { Verification } from "../errors.js";
import type { Body } from "../http.js";
import type { SignInOutcome } from "../signin/complete.js";
import { completeEmailChange } from "./change-email.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import { completeSignUp } from "./sign-up.js";
import { spendAccountToken, type AccountPurpose } from "./tokens.js";
import { completeEmailVerification } from "./verify-email.js";

const PURPOSES: ReadonlySet<string> = new Set<AccountPurpose>(["signup", "verify", "change"]);
/** The longest address Sesame accepts (see signin/email.ts). */
const MAX_EMAIL_LENGTH = 254;

export async function confirmEmail(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<SignInOutcome> {
  const { purpose, email, token } = body;
  if (!purpose || !PURPOSES.has(purpose) || !email || email.length > MAX_EMAIL_LENGTH) throw new Verification("The link is incomplete or damaged.");
  const state = await spendAccountToken(context, accounts, { purpose: purpose as AccountPurpose, email, token });
  if (purpose === "signup") return completeSignUp(context, accounts, email, state);
  const redirectTo = purpose === "change" ? await completeEmailChange(context, accounts, email, state) : await completeEmailVerification(context, accounts, email, state);
  return { redirectTo, cookies: [] };
}
