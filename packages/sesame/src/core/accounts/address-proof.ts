/**
 * How the account flows prove an address (sign-up, verification, email change): by a mailed link (the
 * default; tokens.ts), or, with `Password({ verifyWith: "code" })`, by a 6-digit code typed back
 * (core/codes/). Either way the flow's state is sealed beside the token or code, and the same "check your
 * email" page answers whether or not anything was sent.
 *
 * An address has one pending code for all three flows: a code is what proves the address, and the sealed
 * state says for what. It is bound to the `Password()` provider and to the purpose "verify", so a sign-in
 * code is nothing here and this one nothing to sign-in.
 */
import { codeStoreOf } from "../codes/code-store.js";
import { issueCode, spendCode, type CodeSlot } from "../codes/one-time-code.js";
import { typedCode } from "../codes/typed-code.js";
import type { RequestContext } from "../context.js";
import { Verification } from "../errors.js";
import type { Body } from "../http.js";
import { limitSignIn } from "../rate-limit/limit.js";
import type { JWT } from "../types.js";
import type { ResolvedAccounts } from "../config/accounts.js";
import { checkEmailPage, mailedLink } from "./links.js";
import { accountMail, deliver, type AccountMailKind } from "./mail.js";
import { issueAccountToken, type AccountPurpose } from "./tokens.js";
import { typedEmail } from "./typed-email.js";

/** The flows that prove an address (a reset proves nothing: it is always a link). */
export type ProofPurpose = Exclude<AccountPurpose, "reset">;

/** What a spent proof gives the flow: which flow, for which address, with its sealed state. */
export interface Proof {
  purpose: ProofPurpose;
  email: string;
  state: JWT;
}

const PURPOSES: ReadonlySet<string> = new Set<ProofPurpose>(["signup", "verify", "change"]);

function slotOf(accounts: ResolvedAccounts, email: string): CodeSlot {
  return { purpose: "verify", email, binding: accounts.provider.id };
}

/** Mails `email` the proof for `purpose` — a link, or a code — as a message of `kind`, with `state` sealed beside it. */
export async function mailAddressProof(
  context: RequestContext,
  accounts: ResolvedAccounts,
  { purpose, email, state, kind, origin }: { purpose: ProofPurpose; email: string; state: JWT; kind: AccountMailKind; origin: string },
): Promise<void> {
  const host = new URL(origin).host;
  const { verifyCode, provider } = accounts;
  if (verifyCode) {
    const { code } = await issueCode(context, codeStoreOf(accounts.adapter), slotOf(accounts, email), { state: { ...state, purpose }, limits: verifyCode });
    deliver(context, accounts, accountMail(kind, { to: email, host, code: { value: code, minutes: Math.ceil(verifyCode.maxAgeSeconds / 60) } }));
    return;
  }
  const token = await issueAccountToken(context, accounts, { purpose, email, state, maxAge: provider.accounts.verifyMaxAge });
  deliver(context, accounts, accountMail(kind, { to: email, host, url: mailedLink(context, origin, "verify-email", { purpose, email, token }) }));
}

/** The "check your email" page for `purpose`; with codes, naming the address, for the form that asks for the code. */
export function proofPage(context: RequestContext, accounts: ResolvedAccounts, purpose: ProofPurpose, email: string): string {
  return checkEmailPage(context, purpose, accounts.verifyCode ? email : undefined);
}

/**
 * Spends a typed code (`body.email`, `body.code`): the flow it was for, and its state. Malformed input is
 * refused before any hashing or lookup; each try counts against the per-IP and per-address limits
 * (`<id>/verify-code`) and against the code's attempts. Every failure is the same `Verification`.
 */
export async function spendCodeProof(context: RequestContext, accounts: ResolvedAccounts, body: Body): Promise<Proof> {
  const { verifyCode, provider } = accounts;
  if (!verifyCode) throw new Verification('This app proves addresses by link (Password({ verifyWith: "link" })): post the link\'s token.');
  const action = `${provider.id}/verify-code`;
  let code: string;
  try {
    code = typedCode(body.code);
  } catch (error) {
    await limitSignIn(context, action, undefined);
    throw error;
  }
  const email = await typedEmail(context, accounts, action, body.email);
  const state = await spendCode(context, codeStoreOf(accounts.adapter), slotOf(accounts, email), code, verifyCode);
  const { purpose } = state;
  if (typeof purpose !== "string" || !PURPOSES.has(purpose)) throw new Verification("The code is damaged.");
  return { purpose: purpose as ProofPurpose, email, state };
}
