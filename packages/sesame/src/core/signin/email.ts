/**
 * Email sign-in: issue a single-use link (its token stored hashed, with an expiry) and send it; then accept
 * the link once. The same answer goes back whether or not the address belongs to a user.
 */
import type { EmailProvider } from "../../providers/types.js";
import type { RequestContext } from "../context.js";
import { assertCsrf } from "../csrf.js";
import { EmailSignin, SesameError, Verification } from "../errors.js";
import type { Body } from "../http.js";
import { limitSignIn } from "../rate-limit/limit.js";
import { sha256 } from "#digest";
import { randomString } from "../random.js";
import { resolveCallbackUrl } from "../redirect.js";
import { completeSignIn, type SignInOutcome } from "./complete.js";

const TOKEN_LENGTH = 43;
// Deliberately simple: one @, something on each side, a dot in the domain, no spaces or angle brackets.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

function normalize(provider: EmailProvider, input: string | undefined): string {
  const email = provider.normalizeIdentifier ? provider.normalizeIdentifier(input ?? "") : (input ?? "").trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) throw new EmailSignin("That is not a valid email address.");
  return email;
}

function adapterOf(context: RequestContext) {
  const { adapter } = context.config;
  if (!adapter) throw new TypeError("email sign-in needs an adapter (checked at configuration)");
  return adapter;
}

/** Sends the sign-in link; returns the URL of the "check your email" page. */
export async function sendSignInLink(context: RequestContext, provider: EmailProvider, body: Body, { trusted = false } = {}): Promise<string> {
  if (!trusted) await assertCsrf(context, body.csrfToken);
  const identifier = normalize(provider, body.email);
  await limitSignIn(context, provider.id, identifier);
  const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl);
  const token = randomString(TOKEN_LENGTH);
  const tokenHash = await sha256(token);
  const expires = new Date(Date.now() + provider.maxAge * 1000);
  const adapter = adapterOf(context);
  await adapter.createVerificationToken({ identifier, tokenHash, expires });
  const url = new URL(`${context.authBase}/callback/${encodeURIComponent(provider.id)}`);
  url.search = new URLSearchParams({ token, email: identifier, callbackUrl }).toString();
  try {
    await provider.sendVerificationRequest({ identifier, url: url.href, expires, host: new URL(context.origin).host, provider, request: context.request });
  } catch (error) {
    // A link that was never sent must not stay usable.
    await adapter.useVerificationToken({ identifier, tokenHash });
    if (error instanceof SesameError) throw error;
    throw new EmailSignin("The sign-in email could not be sent.", { cause: error });
  }
  const page = new URL(context.config.pages.verifyRequest ?? `${context.authBase}/verify-request`, context.origin);
  page.searchParams.set("provider", provider.id);
  page.searchParams.set("type", "email");
  return page.href;
}

/** Accepts a sign-in link once: consumes its token, then signs the address's user in (creating them). */
export async function acceptSignInLink(context: RequestContext, provider: EmailProvider, params: URLSearchParams): Promise<SignInOutcome> {
  const token = params.get("token");
  const email = params.get("email");
  if (!token || !email) throw new Verification("The sign-in link is incomplete.");
  const adapter = adapterOf(context);
  const used = await adapter.useVerificationToken({ identifier: email, tokenHash: await sha256(token) });
  if (!used) throw new Verification("The sign-in link is invalid or was already used.");
  if (used.expires.getTime() <= Date.now()) throw new Verification("The sign-in link has expired.");
  const callbackUrl = await resolveCallbackUrl(context, params.get("callbackUrl"));
  return completeSignIn(
    context,
    { user: { email: used.identifier }, account: { provider: provider.id, type: "email", providerAccountId: used.identifier } },
    callbackUrl,
  );
}
