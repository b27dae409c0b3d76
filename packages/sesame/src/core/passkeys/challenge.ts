/**
 * A ceremony's challenge: random, single-use, bound to the browser that asked for it and, for a
 * registration, to the signed-in user. The browser holds it in an HttpOnly cookie, sealed with the app's
 * secret (another browser has no such cookie, and script cannot read or change it); the database holds its
 * SHA-256 as an account token, which the answer spends — the adapter returns and deletes it in one step —
 * so of two answers, or one answer replayed, one at most gets through.
 */
import { sha256 } from "#digest";
import type { ResolvedPasskeys } from "../config/passkeys.js";
import type { RequestContext } from "../context.js";
import { serializeCookie } from "../cookies/serialize.js";
import { WebAuthnVerificationError } from "../errors.js";
import { stampClaims, tokenCodec } from "../token/codec.js";

/** What a ceremony is for: registering a passkey for the signed-in user, or signing in with one. */
export type CeremonyPurpose = "register" | "signin";

const SEAL_SALT = "sesame.passkey-challenge";
const CHALLENGE_BYTES = 32;

/** 32 random bytes: a new challenge, for the options of one ceremony. */
export function newChallengeBytes(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(CHALLENGE_BYTES));
}

function identifier(purpose: CeremonyPurpose): string {
  return `passkey:${purpose}`;
}

/**
 * Records `challenge` (base64url, as the options carry it) as issued to this browser, for `purpose` (and,
 * registering, for `userId`); returns the cookie that binds it to the browser. A new ceremony replaces the
 * browser's previous one.
 */
export async function rememberChallenge(
  context: RequestContext,
  passkeys: ResolvedPasskeys,
  { purpose, challenge, userId }: { purpose: CeremonyPurpose; challenge: string; userId?: string },
): Promise<string> {
  const maxAge = passkeys.challengeMaxAgeSeconds;
  const sealed = await tokenCodec(context.config.secrets, SEAL_SALT).encode(stampClaims({ purpose, challenge, ...(userId !== undefined && { uid: userId }) }, maxAge));
  await passkeys.adapter.createAccountToken({ identifier: identifier(purpose), tokenHash: await sha256(challenge), payload: sealed, expires: new Date(Date.now() + maxAge * 1000) });
  const { name, options } = context.jar.passkeyChallenge;
  return serializeCookie(name, sealed, { ...options, maxAge });
}

/** The cookie that forgets the browser's ceremony, once its challenge is spent. */
export function forgetChallenge(context: RequestContext): string {
  const { name, options } = context.jar.passkeyChallenge;
  return serializeCookie(name, "", { ...options, maxAge: 0 });
}

/**
 * Spends the challenge this browser was issued for `purpose`, and returns it with the user it was issued
 * to. Throws `WebAuthnVerificationError` when the browser has none (another browser's answer, or none was
 * asked for), when it was issued for something else, already used, or has expired.
 */
export async function spendChallenge(context: RequestContext, passkeys: ResolvedPasskeys, purpose: CeremonyPurpose): Promise<{ challenge: string; userId: string | undefined }> {
  const sealed = context.cookies.get(context.jar.passkeyChallenge.name);
  const claims = sealed ? await tokenCodec(context.config.secrets, SEAL_SALT).decode(sealed) : null;
  if (!claims || typeof claims.challenge !== "string") {
    throw new WebAuthnVerificationError("This browser has no passkey ceremony in progress (none was started here, or it expired): ask for options first.");
  }
  if (claims.purpose !== purpose) throw new WebAuthnVerificationError(`This browser's passkey ceremony is not a ${purpose === "signin" ? "sign-in" : "registration"}: ask for options first.`);
  const spent = await passkeys.adapter.useAccountToken({ identifier: identifier(purpose), tokenHash: await sha256(claims.challenge) });
  if (!spent) throw new WebAuthnVerificationError("This passkey ceremony's challenge was already used: ask for options again.");
  if (spent.expires.getTime() <= Date.now()) throw new WebAuthnVerificationError("This passkey ceremony's challenge has expired: ask for options again.");
  return { challenge: claims.challenge, userId: typeof claims.uid === "string" ? claims.uid : undefined };
}
