/**
 * Email sign-in: issue a single-use link (its token stored hashed, with an expiry) and send it — with a
 * one-time code beside it when the provider has `code` on (typed back: email-code.ts); then accept the link
 * once. The same answer goes back whether or not the address belongs to a user.
 */
import { configuredAdapter } from "../adapter.js";
import { codeStoreOf } from "../codes/code-store.js";
import { discardCode, issueCode, type CodeSlot } from "../codes/one-time-code.js";
import type { EmailProvider } from "../provider/email.js";
import type { RequestContext } from "../context.js";
import { EmailSignin, SesameError, Verification } from "../errors.js";
import type { Body } from "../http.js";
import { linkOrigin } from "../link-origin.js";
import { limitSignIn } from "../rate-limit/limit.js";
import { sha256 } from "#digest";
import { randomString } from "../random.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { verifyRequestPageUrl } from "../urls.js";
import { askSignInCallback, completeSignIn, type SignInOutcome } from "./complete.js";

const TOKEN_LENGTH = 43;
/** The longest address SMTP can carry in a forward path (RFC 5321 §4.5.3.1.3, erratum 1690). */
const MAX_EMAIL_LENGTH = 254;
/**
 * The most a user could type around a valid address (spaces, a `+tag` a custom `normalizeIdentifier`
 * strips): 64 + 1 + 255, the length RFC 3696 first gave. Anything longer is refused before any function,
 * Sesame's or the app's, looks at it.
 */
const MAX_INPUT_LENGTH = 320;
/** Characters no address may contain unquoted (Sesame accepts no quoted local parts): space, controls, specials. */
const FORBIDDEN = /[\s\p{Cc}<>()[\]\\,;:"]/u;

/**
 * Whether `email` looks like an address: one `@`, a non-empty local part, a domain of non-empty dot-separated
 * labels (at least two), none of the forbidden characters. Deliberately simple, and linear in the input: a
 * single character class with no quantifier, then string searches; no pattern that can backtrack.
 */
function isEmailAddress(email: string): boolean {
  const at = email.indexOf("@");
  if (at < 1 || at !== email.lastIndexOf("@") || FORBIDDEN.test(email)) return false;
  const domain = email.slice(at + 1);
  return domain.includes(".") && !domain.startsWith(".") && !domain.endsWith(".") && !domain.includes("..");
}

const invalidAddress = (cause?: unknown) => new EmailSignin("That is not a valid email address.", cause === undefined ? undefined : { cause });

/**
 * What the user typed, as the address to send to and look up: the provider's `normalizeIdentifier`, else
 * trimmed and lower-cased; then checked. Oversized input is refused first, in constant time. Throws
 * `EmailSignin` for anything that is not an address (including a `normalizeIdentifier` that throws).
 */
export function normalizeEmail(provider: Pick<EmailProvider, "normalizeIdentifier">, input: string | undefined): string {
  const raw = typeof input === "string" ? input : "";
  if (raw.length > MAX_INPUT_LENGTH) throw invalidAddress();
  let email: unknown;
  try {
    email = provider.normalizeIdentifier ? provider.normalizeIdentifier(raw) : raw.trim().toLowerCase();
  } catch (error) {
    if (error instanceof SesameError) throw error;
    throw invalidAddress(error);
  }
  if (typeof email !== "string" || email.length > MAX_EMAIL_LENGTH || !isEmailAddress(email)) throw invalidAddress();
  return email;
}

/** The slot of the sign-in code of `email` at `provider`: one pending code per address, bound to the provider. */
export function signInCodeSlot(provider: Pick<EmailProvider, "id">, email: string): CodeSlot {
  return { purpose: "signin", email, binding: provider.id };
}

/** Sends the sign-in link (and code); returns the URL of the "check your email" page. */
export async function sendSignInLink(context: RequestContext, provider: EmailProvider, body: Body): Promise<string> {
  // Before anything is stored or counted: a link this request would mail must not point where its headers say.
  const origin = linkOrigin(context);
  let identifier: string;
  try {
    identifier = normalizeEmail(provider, body.email);
  } catch (error) {
    // Junk still counts against the client's address (never as an identifier: that would let any string
    // become a key in the store), so probing the parser is throttled like any other attempt.
    await limitSignIn(context, provider.id, undefined);
    throw error;
  }
  await limitSignIn(context, provider.id, identifier);
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl, origin);
  const adapter = configuredAdapter(context, "email sign-in");
  // The app's `signIn` callback may refuse the address before anything is stored or sent (as in Auth.js).
  const known = await adapter.getUserByEmail(identifier);
  const instead = await askSignInCallback(context, {
    user: known ? { id: known.id, name: known.name, email: known.email, image: known.image } : { id: identifier, email: identifier },
    account: { provider: provider.id, type: "email", providerAccountId: identifier },
    email: { verificationRequest: true },
  });
  if (instead) return instead.redirectTo;
  const token = randomString(TOKEN_LENGTH);
  const tokenHash = await sha256(token);
  const expires = new Date(Date.now() + provider.maxAge * 1000);
  await adapter.createVerificationToken({ identifier, tokenHash, expires });
  const codeLimits = context.config.emailCodes.get(provider.id);
  const codes = codeLimits && codeStoreOf(adapter);
  const slot = signInCodeSlot(provider, identifier);
  // The code replaces the address's previous one. It carries the link's hash: one email, one sign-in.
  const code = codes && (await issueCode(context, codes, slot, { state: { callbackUrl, link: tokenHash }, limits: codeLimits }));
  const url = new URL(`${origin}${context.config.basePath}/callback/${encodeURIComponent(provider.id)}`);
  url.search = new URLSearchParams({ token, email: identifier, callbackUrl }).toString();
  try {
    await provider.sendVerificationRequest({
      identifier,
      url: url.href,
      expires,
      host: url.host,
      provider,
      request: context.request,
      ...(code && { code: { value: code.code, expires: code.expires } }),
    });
  } catch (error) {
    // A link (or code) that was never sent must not stay usable.
    await adapter.useVerificationToken({ identifier, tokenHash });
    if (codes) await discardCode(codes, slot);
    if (error instanceof SesameError) throw error;
    throw new EmailSignin("The sign-in email could not be sent.", { cause: error });
  }
  // With a code, the page asks for it, and for the address it went to: the same page for every address.
  return verifyRequestPageUrl(context, { provider: provider.id, type: "email", email: code ? identifier : undefined });
}

/** Accepts a sign-in link once: consumes its token, then signs the address's user in (creating them). */
export async function acceptSignInLink(context: RequestContext, provider: EmailProvider, params: URLSearchParams): Promise<SignInOutcome> {
  const token = params.get("token");
  const email = params.get("email");
  if (!token || !email) throw new Verification("The sign-in link is incomplete.");
  const adapter = configuredAdapter(context, "email sign-in");
  const used = await adapter.useVerificationToken({ identifier: email, tokenHash: await sha256(token) });
  if (!used) throw new Verification("The sign-in link is invalid or was already used.");
  if (used.expires.getTime() <= Date.now()) throw new Verification("The sign-in link has expired.");
  // The code mailed with the link (if any) is spent with it.
  if (context.config.emailCodes.has(provider.id)) await discardCode(codeStoreOf(adapter), signInCodeSlot(provider, used.identifier));
  const callbackUrl = await resolveCallbackUrl(context, params.get("callbackUrl"));
  return completeSignIn(
    context,
    { user: { email: used.identifier }, account: { provider: provider.id, type: "email", providerAccountId: used.identifier } },
    callbackUrl,
  );
}
