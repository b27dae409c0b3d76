/**
 * The user handle a passkey carries (WebAuthn's `user.id`): the SHA-256 of the user's id, not the id itself,
 * since authenticators may show or sync it and it must not be personal data (RFC: at most 64 bytes, no PII).
 * The same for every passkey of a user, so that a password manager keeps one passkey per account, and a
 * discoverable sign-in can check that the passkey answered for the user it is stored under.
 */
import { sha256 } from "#digest";
import { base64url } from "jose";

/** The user handle of `userId`, base64url (as `userHandle` arrives in an assertion). */
export function userHandle(userId: string): Promise<string> {
  return sha256(`passkey-user\n${userId}`);
}

/** The user handle of `userId`, as bytes (as registration options take it). */
export async function userHandleBytes(userId: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(base64url.decode(await userHandle(userId)));
}
