/**
 * The name a passkey is listed under: the one the user gave it, or one Sesame chose from the authenticator's
 * model (its AAGUID) — "iCloud Keychain", "Google Password Manager" — so that a list of passkeys is readable
 * before anyone renames one. Unknown models (and the all-zero AAGUID most security keys send without
 * attestation) are "Passkey".
 */
import { InvalidRequest } from "../errors.js";

/** A few authenticators' AAGUIDs, from the community list (github.com/passkeydeveloper/passkey-authenticator-aaguids). */
const AUTHENTICATORS: Readonly<Record<string, string>> = {
  "fbfc3007-154e-4ecc-8c0b-6e020557d7bd": "iCloud Keychain",
  "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4": "Google Password Manager",
  "adce0002-35bc-c60a-648b-0b25f1f05503": "Chrome on Mac",
  "08987058-cadc-4b81-b6e1-30de50dcbe96": "Windows Hello",
  "9ddd1817-af5a-4672-a2b9-3e3dd95000a9": "Windows Hello",
  "6028b017-b1d4-4c02-b4b3-afcdafc96bb2": "Windows Hello",
  "bada5566-a7aa-401f-bd96-45619a55120d": "1Password",
  "d548826e-79b4-db40-a3d8-11116f7e8349": "Bitwarden",
  "531126d6-e717-415c-9320-3d9aa6981239": "Dashlane",
  "53414d53-554e-4700-0000-000000000000": "Samsung Pass",
};

export const DEFAULT_PASSKEY_NAME = "Passkey";

/** Names are for people to read in a list: no longer than this many characters. */
const MAX_NAME_LENGTH = 64;

/** The name Sesame gives a passkey registered without one. */
export function defaultPasskeyName(aaguid: string | undefined): string {
  return (aaguid && AUTHENTICATORS[aaguid.toLowerCase()]) || DEFAULT_PASSKEY_NAME;
}

/**
 * The name the user typed, trimmed, with runs of white space as one space; `undefined` when they gave none.
 * A name with control characters, or longer than 64 characters, is an `InvalidRequest`.
 */
export function typedPasskeyName(input: unknown): string | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== "string") throw new InvalidRequest("A passkey's `name` is text.");
  // Checked before it is touched: a 60 KB name is refused as cheaply as a 65-character one.
  if (input.length > MAX_NAME_LENGTH * 4) throw new InvalidRequest(`A passkey's name has at most ${MAX_NAME_LENGTH} characters.`);
  // Control characters, lone surrogates, and the bidirectional overrides that would show a name other than
  // the one stored (emoji joiners and the like are fine).
  if (/[\p{Cs}\u202A-\u202E\u2066-\u2069]|[^\P{Cc}\t\n\r]/u.test(input)) throw new InvalidRequest("A passkey's name cannot contain control characters or text-direction overrides.");
  const name = input.trim().replace(/\s+/g, " ");
  if ([...name].length > MAX_NAME_LENGTH) throw new InvalidRequest(`A passkey's name has at most ${MAX_NAME_LENGTH} characters.`);
  return name || undefined;
}
