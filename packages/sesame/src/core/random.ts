/** Random identifiers and secrets, as base64url text. */
const BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** `length` random base64url characters: 6 bits each (22 characters carry 132 bits). */
export function randomString(length: number): string {
  // Each random byte gives 6 uniform bits (256 is a multiple of 64), so there is no modulo bias.
  let id = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(length))) id += BASE64URL_ALPHABET[byte & 63];
  return id;
}

const encoder = new TextEncoder();

/** SHA-256 of `value`, base64url: how secrets are stored, so that a database leak reveals none. */
export async function sha256(value: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(value)));
  let binary = "";
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
