/**
 * `POST /verify-email`: the page a mailed link opens posts its token here (a GET that spent the token would
 * let a mail scanner following links use it, and sign itself in); with `Password({ verifyWith: "code" })`,
 * the "check your email" page posts the typed code here instead. The purpose named in the link, or sealed
 * with the code, chooses the flow; the token or code only works for that purpose and address.
 */
import type { RequestContext } from "../context.js";
import { Verification } from "../errors.js";
import type { Body } from "../http.js";
import type { SignInOutcome } from "../signin/complete.js";
import { spendCodeProof, type Proof, type ProofPurpose } from "./address-proof.js";
import { completeEmailChange } from "./change-email.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import { completeSignUp } from "./sign-up.js";
import { spendAccountToken } from "./tokens.js";
import { completeEmailVerification } from "./verify-email.js";

const PURPOSES: ReadonlySet<string> = new Set<ProofPurpose>(["signup", "verify", "change"]);
/** The longest address Sesame accepts (see signin/email.ts). */
const MAX_EMAIL_LENGTH = 254;

/** A mailed link's `purpose`, `email` and `token`, spent. */
async function spendLinkProof(context: RequestContext, accounts: ResolvedAccounts, { purpose, email, token }: Body): Promise<Proof> {
  if (!purpose || !PURPOSES.has(purpose) || !email || email.length > MAX_EMAIL_LENGTH) throw new Verification("The link is incomplete or damaged.");
  const state = await spendAccountToken(context, accounts, { purpose: purpose as ProofPurpose, email, token });
  return { purpose: purpose as ProofPurpose, email, state };
}

export async function confirmEmail(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<SignInOutcome> {
  const { purpose, email, state } = body.code !== undefined ? await spendCodeProof(context, accounts, body) : await spendLinkProof(context, accounts, body);
  if (purpose === "signup") return completeSignUp(context, accounts, email, state);
  if (purpose === "change") return completeEmailChange(context, accounts, email, state);
  return { redirectTo: await completeEmailVerification(context, accounts, email, state), cookies: [] };
}
