/**
 * Signing in with a passkey, and proving one as a second factor, through `@simplewebauthn/server` (Sesame
 * verifies no WebAuthn structure itself). The assertion must be for the expected challenge, from the app's
 * origin and RP ID, by a stored passkey (of the expected user, for a second factor) whose user handle it
 * carries, with a signature counter that moved on (a cloned authenticator's does not). Each accepted use
 * is recorded by compare-and-set on the passkey's data, so of two concurrent uses of one assertion, one wins.
 */
import { sha256 } from "#digest";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON, VerifiedAuthenticationResponse } from "@simplewebauthn/server";
import { base64url } from "jose";
import type { FactorAdapter } from "../adapter.js";
import type { ResolvedPasskeys } from "../config/passkeys.js";
import type { RequestContext } from "../context.js";
import { InvalidConfiguration, WebAuthnVerificationError } from "../errors.js";
import { newChallengeBytes, rememberChallenge, spendChallenge } from "./challenge.js";
import { simpleWebAuthn } from "./library.js";
import { relyingParty, type RelyingParty } from "./relying-party.js";
import { authenticationResponse } from "./response-json.js";
import { encodePasskeyData, passkeyFactorId, storedPasskey, userPasskeys, type PasskeyData, type StoredPasskey } from "./stored.js";
import { userHandle } from "./user-handle.js";

/**
 * The options of a sign-in, and the cookie that binds its challenge to this browser. No user is named and
 * no credential listed: the browser offers the user's discoverable passkeys (in a prompt, or in autofill).
 */
export async function authenticationOptions(context: RequestContext, passkeys: ResolvedPasskeys): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; cookie: string }> {
  const rp = relyingParty(context, passkeys);
  const { generateAuthenticationOptions } = await simpleWebAuthn();
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: [],
    userVerification: "preferred",
    challenge: newChallengeBytes(),
    timeout: passkeys.challengeMaxAgeSeconds * 1000,
  });
  return { options, cookie: await rememberChallenge(context, passkeys, { purpose: "signin", challenge: options.challenge }) };
}

/**
 * Verifies the browser's answer to one of this browser's sign-ins, spending its challenge: the passkey it
 * used, whose user signs in, and the cookie of the browser's ceremonies left open. A passkey alone is both
 * factors of a sign-in only when the authenticator verified the user (PIN, biometrics): an answer without
 * user verification is refused here.
 */
export async function verifyPasskeySignIn(context: RequestContext, passkeys: ResolvedPasskeys, data: unknown): Promise<{ passkey: StoredPasskey; cookie: string }> {
  // Checked before the challenge is spent: a malformed request leaves the ceremony to be finished.
  const response = authenticationResponse(data);
  const { challenge, cookie } = await spendChallenge(context, passkeys, "signin", response.response.clientDataJSON);
  const passkey = await verifyAssertion(passkeys.adapter, relyingParty(context, passkeys), response, challenge, { requireUserVerification: true });
  return { passkey, cookie };
}

/**
 * Request options for a second factor: the user's passkeys listed, with `challenge` (32 random bytes or
 * more, base64url), which the caller keeps with the pending sign-in and passes to `verifyPasskeyForUser`.
 * User verification is not asked for: the first factor was the user's.
 */
export async function passkeyOptionsForUser(context: RequestContext, adapter: FactorAdapter, userId: string, challenge: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const configured = configuredPasskeys(context);
  const rp = relyingParty(context, configured);
  const passkeys = await userPasskeys(adapter, userId);
  const { generateAuthenticationOptions } = await simpleWebAuthn();
  return generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: passkeys.map(({ data }) => ({ id: data.credentialId, transports: data.transports })),
    userVerification: "discouraged",
    challenge: new Uint8Array(base64url.decode(challenge)),
    timeout: configured.challengeMaxAgeSeconds * 1000,
  });
}

/**
 * Verifies `response` (the browser's answer, as posted) as a second factor of `userId`, against
 * `expectedChallenge` (the base64url challenge of the options sent; keeping it single-use is the caller's
 * part). Returns the passkey, its use recorded. Malformed input is an `InvalidRequest`; another user's
 * passkey, an unknown one, or an answer that does not verify is a `WebAuthnVerificationError`.
 */
export async function verifyPasskeyForUser(context: RequestContext, adapter: FactorAdapter, userId: string, response: unknown, expectedChallenge: string): Promise<StoredPasskey> {
  const parsed = authenticationResponse(response);
  return verifyAssertion(adapter, relyingParty(context, configuredPasskeys(context)), parsed, expectedChallenge, { userId, requireUserVerification: false });
}

function configuredPasskeys(context: RequestContext): ResolvedPasskeys {
  const { passkeys } = context.config;
  if (!passkeys) throw new InvalidConfiguration("Passkeys need a Passkey() provider in `providers` (it names the relying party, and registers them).");
  return passkeys;
}

async function verifyAssertion(
  adapter: FactorAdapter,
  rp: RelyingParty,
  response: AuthenticationResponseJSON,
  challenge: string,
  { userId, requireUserVerification }: { userId?: string; requireUserVerification: boolean },
): Promise<StoredPasskey> {
  const factor = await adapter.getFactor(await passkeyFactorId(response.id));
  // One answer for an unknown passkey and another user's: neither says whose passkeys exist.
  if (!factor || factor.kind !== "passkey" || (userId !== undefined && factor.userId !== userId)) {
    throw new WebAuthnVerificationError(userId === undefined ? "This passkey is not registered here." : "This passkey is not one of this user's.");
  }
  const { data } = storedPasskey(factor);
  if (data.credentialId !== response.id) throw new WebAuthnVerificationError("This passkey is not registered here.");
  const handle = response.response.userHandle;
  if (handle !== undefined && handle !== (await userHandle(factor.userId))) throw new WebAuthnVerificationError("The passkey answered for another user than the one it is registered to.");
  const challengeHash = await sha256(challenge);
  if (data.lastChallenge === challengeHash) throw new WebAuthnVerificationError("This passkey's answer was already used.");
  const { verifyAuthenticationResponse } = await simpleWebAuthn();
  let verification: VerifiedAuthenticationResponse;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: { id: data.credentialId, publicKey: new Uint8Array(base64url.decode(data.publicKey)), counter: data.counter, transports: data.transports },
      requireUserVerification,
    });
  } catch (cause) {
    throw new WebAuthnVerificationError(`The passkey's answer did not verify: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (!verification.verified) throw new WebAuthnVerificationError("The passkey's answer did not verify.");
  const { newCounter, credentialDeviceType, credentialBackedUp } = verification.authenticationInfo;
  const used: PasskeyData = { ...data, counter: newCounter, deviceType: credentialDeviceType, backedUp: credentialBackedUp, lastChallenge: challengeHash };
  const usedData = encodePasskeyData(used);
  const lastUsedAt = new Date();
  // Against the data as read: a concurrent use of the same passkey changed it first, and this one loses.
  if (!(await adapter.updateFactor({ id: factor.id, userId: factor.userId }, { data: usedData, lastUsedAt }, factor.data))) {
    throw new WebAuthnVerificationError("This passkey was used by another request at the same moment.");
  }
  return { factor: { ...factor, data: usedData, lastUsedAt }, data: used };
}
