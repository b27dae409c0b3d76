/**
 * Backup codes: the way in when the authenticator app is lost. Each is ten characters from an alphabet
 * without look-alikes (50 bits: out of reach of guessing at any rate the limits allow), shown to the user
 * once, stored only as a hash that is also the factor's id, and used by deleting it — so it works once, even
 * under concurrent requests.
 */
import { sha256 } from "#digest";

/** Crockford's base32 alphabet, lower-case: no i, l, o, u. 32 letters, so a random byte & 31 has no bias. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH = 10;
const FORM = new RegExp(`^[${ALPHABET}]{${LENGTH}}$`);

/** `count` new codes, as the user is shown them: `xxxxx-xxxxx`. */
export function newBackupCodes(count: number): string[] {
  return Array.from({ length: count }, () => {
    let code = "";
    for (const byte of crypto.getRandomValues(new Uint8Array(LENGTH))) code += ALPHABET[byte & 31];
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** What the user typed, as stored: lower-case, without the dash and spaces; `undefined` when it cannot be a code. */
export function normalizeBackupCode(input: unknown): string | undefined {
  if (typeof input !== "string" || input.length > 32) return undefined;
  const code = input.toLowerCase().replace(/[\s-]/g, "");
  return FORM.test(code) ? code : undefined;
}

/** The factor id of a user's backup code: its hash, bound to the user so that codes of two users never meet. */
export async function backupCodeId(userId: string, code: string): Promise<string> {
  return sha256(`backup-code\n${userId}\n${code}`);
}
