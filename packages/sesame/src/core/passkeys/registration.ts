/**
 * Registering a passkey for the signed-in user, through `@simplewebauthn/server` (Sesame verifies no
 * WebAuthn structure itself): the options ask for a discoverable credential (so that it can sign in without
 * a username, and appear in autofill), user verification where the authenticator has it, and exclude the
 * user's existing passkeys (an authenticator keeps one per account); the answer must be for this browser's
 * challenge, from the app's origin and RP ID, and for a credential no user has yet.
 */
import type { PublicKeyCredentialCreationOptionsJSON, VerifiedRegistrationResponse } from "@simplewebauthn/server";
import { base64url } from "jose";
import type { AdapterFactor, AdapterUser } from "../adapter.js";
import type { ResolvedPasskeys } from "../config/passkeys.js";
import type { RequestContext } from "../context.js";
import { WebAuthnVerificationError } from "../errors.js";
import { newChallengeBytes, rememberChallenge, spendChallenge } from "./challenge.js";
import { simpleWebAuthn } from "./library.js";
import { defaultPasskeyName, typedPasskeyName } from "./naming.js";
import { relyingParty } from "./relying-party.js";
import { registrationResponse } from "./response-json.js";
import { encodePasskeyData, passkeyFactorId, userPasskeys, type PasskeyData, type StoredPasskey } from "./stored.js";
import { userHandleBytes } from "./user-handle.js";

/** Authenticators that do not say what they are (no attestation, most security keys) send this AAGUID. */
const NO_AAGUID = "00000000-0000-0000-0000-000000000000";

/** The options of a registration for `user`, and the cookie that binds its challenge to this browser. */
export async function registrationOptions(context: RequestContext, passkeys: ResolvedPasskeys, user: AdapterUser): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; cookie: string }> {
  const rp = relyingParty(context, passkeys);
  const existing = await userPasskeys(passkeys.adapter, user.id);
  const { generateRegistrationOptions } = await simpleWebAuthn();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email ?? user.name ?? user.id,
    userDisplayName: user.name ?? user.email ?? "",
    userID: await userHandleBytes(user.id),
    challenge: newChallengeBytes(),
    timeout: passkeys.challengeMaxAgeSeconds * 1000,
    // Who made the authenticator is not checked, so it is not asked: no attestation, no privacy cost.
    attestationType: "none",
    excludeCredentials: existing.map(({ data }) => ({ id: data.credentialId, transports: data.transports })),
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "preferred" },
  });
  const cookie = await rememberChallenge(context, passkeys, { purpose: "register", challenge: options.challenge, userId: user.id });
  return { options, cookie };
}

/**
 * Verifies the browser's answer to one of this browser's registrations and stores the new passkey for
 * `user`, named `name` (or after its authenticator); returns it with the cookie of the browser's ceremonies
 * left open. Malformed input is an `InvalidRequest`; an answer that does not verify, for a challenge not
 * issued to this browser and this user, or for a credential already registered, a `WebAuthnVerificationError`.
 */
export async function registerPasskey(context: RequestContext, passkeys: ResolvedPasskeys, user: AdapterUser, input: { data: unknown; name: unknown }): Promise<{ passkey: StoredPasskey; cookie: string }> {
  // Checked before the challenge is spent: a malformed request leaves the ceremony to be finished.
  const response = registrationResponse(input.data);
  const name = typedPasskeyName(input.name);
  const { challenge, userId, cookie } = await spendChallenge(context, passkeys, "register", response.response.clientDataJSON);
  if (userId !== user.id) throw new WebAuthnVerificationError("This registration was started for another user: ask for options again.");
  const rp = relyingParty(context, passkeys);
  const { verifyRegistrationResponse } = await simpleWebAuthn();
  let verification: VerifiedRegistrationResponse;
  try {
    // User verification is asked for, not required: the user is signed in already, and a passkey of an
    // authenticator without it still serves as a second factor (signing in with it alone does require it).
    verification = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: rp.origins, expectedRPID: rp.id, requireUserVerification: false });
  } catch (cause) {
    throw new WebAuthnVerificationError(`The new passkey did not verify: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (!verification.verified) throw new WebAuthnVerificationError("The new passkey did not verify.");
  const { credential, credentialDeviceType, credentialBackedUp, aaguid } = verification.registrationInfo;
  // The answer's `id` is not signed; the attested one is. They must agree.
  if (credential.id !== response.id) throw new WebAuthnVerificationError("The answer names another credential than the one it attests.");
  const id = await passkeyFactorId(credential.id);
  // WebAuthn §7.1: a credential id already registered, to anyone, is refused rather than moved.
  if (await passkeys.adapter.getFactor(id)) throw new WebAuthnVerificationError("This passkey is already registered.");
  const data: PasskeyData = {
    credentialId: credential.id,
    publicKey: base64url.encode(credential.publicKey),
    counter: credential.counter,
    transports: response.response.transports ?? [],
    deviceType: credentialDeviceType,
    backedUp: credentialBackedUp,
    ...(aaguid !== NO_AAGUID && { aaguid }),
  };
  const factor: AdapterFactor = {
    id,
    userId: user.id,
    kind: "passkey",
    name: name ?? defaultPasskeyName(data.aaguid),
    data: encodePasskeyData(data),
    createdAt: new Date(),
    lastUsedAt: null,
    expires: null,
  };
  await passkeys.adapter.createFactors([factor]);
  return { passkey: { factor, data }, cookie };
}
