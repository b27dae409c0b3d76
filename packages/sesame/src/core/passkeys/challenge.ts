/**
 * A ceremony's challenge: random, single-use, bound to the browser that asked for it and, for a
 * registration, to the signed-in user. The browser holds it in an HttpOnly cookie, sealed with the app's
 * secret (another browser has no such cookie, and script cannot read or change it); the database holds its
 * SHA-256 as an account token, which the answer spends — the adapter returns and deletes it in one step —
 * so of two answers, or one answer replayed, one at most gets through.
 *
 * One browser may have several ceremonies open: a sign-in page with passkey autofill in two tabs asks for
 * options twice, and each tab answers its own. So the cookie holds the last few ceremonies (up to
 * `MAX_OPEN_CEREMONIES`), and an answer is matched to its own by the challenge the authenticator signed.
 */
import { sha256 } from "#digest";
import type { ResolvedPasskeys } from "../config/passkeys.js";
import type { RequestContext } from "../context.js";
import { serializeCookie } from "../cookies/serialize.js";
import { WebAuthnVerificationError } from "../errors.js";
import { nowSeconds } from "../clock.js";
import { stampClaims, tokenCodec } from "../token/codec.js";
import { simpleWebAuthnHelpers } from "./library.js";

/** What a ceremony is for: registering a passkey for the signed-in user, or signing in with one. */
export type CeremonyPurpose = "register" | "signin";

const SEAL_SALT = "sesame.passkey-challenge";
const CHALLENGE_BYTES = 32;

/** 32 random bytes: a new challenge, for the options of one ceremony. */
export function newChallengeBytes(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(CHALLENGE_BYTES));
}

/**
 * Ceremonies one browser may have open at once (tabs, a retried prompt); a new one beyond that pushes out
 * the oldest. Five keep the cookie under 1 KB.
 */
const MAX_OPEN_CEREMONIES = 5;

/** An open ceremony as the browser's cookie keeps it: `uid`, registering, the user it was started for. */
interface Ceremony {
  purpose: CeremonyPurpose;
  challenge: string;
  uid?: string;
  /** Seconds since the epoch. */
  exp: number;
}

function identifier(purpose: CeremonyPurpose): string {
  return `passkey:${purpose}`;
}

const isPurpose = (value: unknown): value is CeremonyPurpose => value === "register" || value === "signin";

/** The browser's ceremonies that have not expired, oldest first. A cookie that does not open has none. */
async function openCeremonies(context: RequestContext): Promise<Ceremony[]> {
  const sealed = context.cookies.get(context.jar.passkeyChallenge.name);
  const claims = sealed ? await tokenCodec(context.config.secrets, SEAL_SALT).decode(sealed) : null;
  // A cookie from before ceremonies were kept as a list holds none: that ceremony (five minutes at most)
  // asks for options again.
  if (!claims || !Array.isArray(claims.ceremonies)) return [];
  const now = nowSeconds();
  return (claims.ceremonies as unknown[]).filter((entry): entry is Ceremony => {
    const c = entry as Partial<Ceremony> | null;
    return !!c && isPurpose(c.purpose) && typeof c.challenge === "string" && typeof c.exp === "number" && c.exp > now && (c.uid === undefined || typeof c.uid === "string");
  });
}

/** The cookie holding `ceremonies`, or the one that deletes it when none is left. */
async function ceremoniesCookie(context: RequestContext, passkeys: ResolvedPasskeys, ceremonies: Ceremony[]): Promise<string> {
  const { name, options } = context.jar.passkeyChallenge;
  if (!ceremonies.length) return serializeCookie(name, "", { ...options, maxAge: 0 });
  const maxAge = passkeys.challengeMaxAgeSeconds;
  const sealed = await tokenCodec(context.config.secrets, SEAL_SALT).encode(stampClaims({ ceremonies }, maxAge));
  return serializeCookie(name, sealed, { ...options, maxAge });
}

/**
 * Records `challenge` (base64url, as the options carry it) as issued to this browser, for `purpose` (and,
 * registering, for `userId`); returns the cookie that binds it to the browser, beside the browser's other
 * open ceremonies.
 */
export async function rememberChallenge(
  context: RequestContext,
  passkeys: ResolvedPasskeys,
  { purpose, challenge, userId }: { purpose: CeremonyPurpose; challenge: string; userId?: string },
): Promise<string> {
  const maxAge = passkeys.challengeMaxAgeSeconds;
  const exp = nowSeconds() + maxAge;
  await passkeys.adapter.createAccountToken({ identifier: identifier(purpose), tokenHash: await sha256(challenge), payload: "", expires: new Date(exp * 1000) });
  const ceremony: Ceremony = { purpose, challenge, exp, ...(userId !== undefined && { uid: userId }) };
  return ceremoniesCookie(context, passkeys, [...(await openCeremonies(context)), ceremony].slice(-MAX_OPEN_CEREMONIES));
}

/** The challenge an answer was made for, as its client data says (signed by the authenticator, checked later). */
async function answeredChallenge(clientDataJSON: string): Promise<string | undefined> {
  const { decodeClientDataJSON } = await simpleWebAuthnHelpers();
  try {
    const { challenge } = decodeClientDataJSON(clientDataJSON) as { challenge?: unknown };
    return typeof challenge === "string" ? challenge : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Spends the challenge of this browser's ceremony that `clientDataJSON` (the answer's) was made for, and
 * returns it with the user it was issued to, and the cookie of the browser's ceremonies left open. Throws
 * `WebAuthnVerificationError` when the browser has no such ceremony (another browser's answer, or none was
 * asked for), when it was issued for something else, already used, or has expired.
 */
export async function spendChallenge(
  context: RequestContext,
  passkeys: ResolvedPasskeys,
  purpose: CeremonyPurpose,
  clientDataJSON: string,
): Promise<{ challenge: string; userId: string | undefined; cookie: string }> {
  const open = await openCeremonies(context);
  if (!open.length) {
    throw new WebAuthnVerificationError("This browser has no passkey ceremony in progress (none was started here, or it expired): ask for options first.");
  }
  const answered = await answeredChallenge(clientDataJSON);
  const ceremony = open.find((c) => c.challenge === answered);
  if (!ceremony) throw new WebAuthnVerificationError("This answer is for a challenge this browser was not given, or no longer holds: ask for options again.");
  if (ceremony.purpose !== purpose) throw new WebAuthnVerificationError(`This browser's passkey ceremony is not a ${purpose === "signin" ? "sign-in" : "registration"}: ask for options first.`);
  const spent = await passkeys.adapter.useAccountToken({ identifier: identifier(purpose), tokenHash: await sha256(ceremony.challenge) });
  if (!spent) throw new WebAuthnVerificationError("This passkey ceremony's challenge was already used: ask for options again.");
  if (spent.expires.getTime() <= Date.now()) throw new WebAuthnVerificationError("This passkey ceremony's challenge has expired: ask for options again.");
  const cookie = await ceremoniesCookie(context, passkeys, open.filter((c) => c !== ceremony));
  return { challenge: ceremony.challenge, userId: ceremony.uid, cookie };
}
