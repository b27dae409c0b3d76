/**
 * The compact JWE form of session tokens, `dir` + `A256GCM` (RFC 7516): `header..iv.ciphertext.tag`, with
 * the base64url header as additional authenticated data. Sesame only ever writes a few exact headers, so
 * reading a token starts by looking its header segment up among them: anything else is refused before
 * any cryptography, and no attacker-chosen header is ever parsed.
 *
 * Sealing and opening are done by `#jwe`: jose (WebCrypto) everywhere, `node:crypto` on Node, where
 * WebCrypto's asynchronous jobs cost several times the cipher itself. Both produce the same tokens.
 */
import { base64url } from "jose";
import type { DerivedKey, KeyRing } from "../keys.js";

// A type alias, not an interface, so that it fits jose's header parameters (an index-signature type).
export type JweHeader = {
  alg: "dir";
  enc: "A256GCM";
  kid?: string;
};

/** A header Sesame writes, with its serialised segment. */
export interface KnownHeader {
  params: JweHeader;
  segment: string;
}

/** What `#jwe` provides: seal a plaintext under one key, open a token with one key (`null` on any failure). */
export interface JweCipher {
  seal(plaintext: string, header: KnownHeader, key: DerivedKey): Promise<string>;
  open(token: string, key: DerivedKey): Promise<string | null>;
}

function knownHeader(params: JweHeader): KnownHeader {
  return { params, segment: base64url.encode(JSON.stringify(params)) };
}

export interface HeaderTable {
  /** The header new tokens get, and the key that seals them. */
  current: KnownHeader;
  currentKey: DerivedKey;
  /** Keys to try, by header segment. */
  candidates: ReadonlyMap<string, readonly DerivedKey[]>;
}

/**
 * With one secret there is nothing to choose between, so the header carries no `kid` (the cookie is 20
 * bytes smaller). With several, new tokens name their key; tokens without a `kid` (issued before the
 * rotation began) are tried against every key, newest first.
 */
export function headerTable({ current, byKid }: KeyRing): HeaderTable {
  const keys = [...byKid.values()];
  const bare = knownHeader({ alg: "dir", enc: "A256GCM" });
  const candidates = new Map<string, DerivedKey[]>([[bare.segment, keys]]);
  for (const key of keys) candidates.set(knownHeader({ alg: "dir", enc: "A256GCM", kid: key.kid }).segment, [key]);
  const header = keys.length === 1 ? bare : knownHeader({ alg: "dir", enc: "A256GCM", kid: current.kid });
  return { current: header, currentKey: current, candidates };
}
