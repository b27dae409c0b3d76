/**
 * Email sign-in by one-time code (`Email({ code })`): the 6-digit code mailed beside the link, typed back
 * and posted to `POST /callback/<id>` with the address. A right code signs in exactly as the link does; every
 * failure answers the same `Verification`, whether a code is pending for the address or not.
 */
import { configuredAdapter } from "../adapter.js";
import { codeStoreOf } from "../codes/code-store.js";
import { spendCode } from "../codes/one-time-code.js";
import { typedCode } from "../codes/typed-code.js";
import type { RequestContext } from "../context.js";
import { MethodNotAllowed } from "../errors.js";
import type { Body } from "../http.js";
import type { EmailProvider } from "../provider/email.js";
import { clearSignInLimit, limitSignIn } from "../rate-limit/limit.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { completeSignIn, type SignInOutcome } from "./complete.js";
import { normalizeEmail, signInCodeSlot } from "./email.js";

/**
 * Accepts a typed code once: `body.email` and `body.code` (and optionally `callbackUrl`, else the one given
 * when the code was asked for). Malformed input is refused before any hashing or lookup; each try counts
 * against the per-IP and per-address limits (`<id>/code`), and against the code's own attempts.
 */
export async function acceptSignInCode(context: RequestContext, provider: EmailProvider, body: Body): Promise<SignInOutcome> {
  const limits = context.config.emailCodes.get(provider.id);
  if (!limits) throw new MethodNotAllowed(["GET"], `Provider "${provider.id}" signs in by link only; codes are posted here with Email({ code: true }).`);
  const action = `${provider.id}/code`;
  let email: string;
  let code: string;
  try {
    code = typedCode(body.code);
    email = normalizeEmail(provider, body.email);
  } catch (error) {
    // Junk counts against the client's IP only, as on POST /signin/<id>.
    await limitSignIn(context, action, undefined);
    throw error;
  }
  await limitSignIn(context, action, email);
  const adapter = configuredAdapter(context, "email sign-in");
  const state = await spendCode(context, codeStoreOf(adapter), signInCodeSlot(provider, email), code, limits);
  // The link mailed with the code is spent with it.
  if (typeof state.link === "string") await adapter.useVerificationToken({ identifier: email, tokenHash: state.link });
  await clearSignInLimit(context, action, email);
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl || (typeof state.callbackUrl === "string" ? state.callbackUrl : undefined));
  return completeSignIn(context, { user: { email }, account: { provider: provider.id, type: "email", providerAccountId: email } }, callbackUrl);
}
