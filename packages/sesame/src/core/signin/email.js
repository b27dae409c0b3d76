/**
 * Email sign-in: issue a single-use link (its token stored hashed, with an expiry) and send it; then accept
 * the link once. The same answer goes back whether or not the address belongs to a user.
 */
import { configuredAdapter } from "../adapter.js";
import { EmailSignin, SesameError, Verification } from "../errors.js";
import { linkOrigin } from "../link-origin.js";
import { limitSignIn } from "../rate-limit/limit.js";
import { sha256 } from "#digest";
import { randomString } from "../random.js";
import { resolveCallbackUrl } from "../callback-url.js";
import { completeSignIn } from "./complete.js";
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
function isEmailAddress(email) {
    const at = email.indexOf("@");
    if (at < 1 || at !== email.lastIndexOf("@") || FORBIDDEN.test(email))
        return false;
    const domain = email.slice(at + 1);
    return domain.includes(".") && !domain.startsWith(".") && !domain.endsWith(".") && !domain.includes("..");
}
const invalidAddress = (cause) => new EmailSignin("That is not a valid email address.", cause === undefined ? undefined : { cause });
/**
 * What the user typed, as the address to send to and look up: the provider's `normalizeIdentifier`, else
 * trimmed and lower-cased; then checked. Oversized input is refused first, in constant time. Throws
 * `EmailSignin` for anything that is not an address (including a `normalizeIdentifier` that throws).
 */
export function normalizeEmail(provider, input) {
    const raw = typeof input === "string" ? input : "";
    if (raw.length > MAX_INPUT_LENGTH)
        throw invalidAddress();
    let email;
    try {
        email = provider.normalizeIdentifier ? provider.normalizeIdentifier(raw) : raw.trim().toLowerCase();
    }
    catch (error) {
        if (error instanceof SesameError)
            throw error;
        throw invalidAddress(error);
    }
    if (typeof email !== "string" || email.length > MAX_EMAIL_LENGTH || !isEmailAddress(email))
        throw invalidAddress();
    return email;
}
/** Sends the sign-in link; returns the URL of the "check your email" page. */
export async function sendSignInLink(context, provider, body) {
    // Before anything is stored or counted: a link this request would mail must not point where its headers say.
    const origin = linkOrigin(context);
    let identifier;
    try {
        identifier = normalizeEmail(provider, body.email);
    }
    catch (error) {
        // Junk still counts against the client's address (never as an identifier: that would let any string
        // become a key in the store), so probing the parser is throttled like any other attempt.
        await limitSignIn(context, provider.id, undefined);
        throw error;
    }
    await limitSignIn(context, provider.id, identifier);
    const callbackUrl = await resolveCallbackUrl(context, body.callbackUrl, origin);
    const token = randomString(TOKEN_LENGTH);
    const tokenHash = await sha256(token);
    const expires = new Date(Date.now() + provider.maxAge * 1000);
    const adapter = configuredAdapter(context, "email sign-in");
    await adapter.createVerificationToken({ identifier, tokenHash, expires });
    const url = new URL(`${origin}${context.config.basePath}/callback/${encodeURIComponent(provider.id)}`);
    url.search = new URLSearchParams({ token, email: identifier, callbackUrl }).toString();
    try {
        await provider.sendVerificationRequest({ identifier, url: url.href, expires, host: url.host, provider, request: context.request });
    }
    catch (error) {
        // A link that was never sent must not stay usable.
        await adapter.useVerificationToken({ identifier, tokenHash });
        if (error instanceof SesameError)
            throw error;
        throw new EmailSignin("The sign-in email could not be sent.", { cause: error });
    }
    const page = new URL(context.config.pages.verifyRequest ?? `${context.authBase}/verify-request`, context.origin);
    page.searchParams.set("provider", provider.id);
    page.searchParams.set("type", "email");
    return page.href;
}
/** Accepts a sign-in link once: consumes its token, then signs the address's user in (creating them). */
export async function acceptSignInLink(context, provider, params) {
    const token = params.get("token");
    const email = params.get("email");
    if (!token || !email)
        throw new Verification("The sign-in link is incomplete.");
    const adapter = configuredAdapter(context, "email sign-in");
    const used = await adapter.useVerificationToken({ identifier: email, tokenHash: await sha256(token) });
    if (!used)
        throw new Verification("The sign-in link is invalid or was already used.");
    if (used.expires.getTime() <= Date.now())
        throw new Verification("The sign-in link has expired.");
    const callbackUrl = await resolveCallbackUrl(context, params.get("callbackUrl"));
    return completeSignIn(context, { user: { email: used.identifier }, account: { provider: provider.id, type: "email", providerAccountId: used.identifier } }, callbackUrl);
}
