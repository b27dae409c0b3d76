/**
 * A software authenticator for the HTTP-level passkey tests: it answers registration and authentication
 * options the way a browser and a platform authenticator would (an ES256 key made with Web Crypto, a "none"
 * attestation in CBOR, an assertion signed over the authenticator data and the client data's hash), so that
 * the server's real verification (`@simplewebauthn/server`) runs on real structures. Every part a test may
 * want wrong — origin, RP ID, flags, counter, challenge — can be overridden. Test code, not product code.
 */
import { isoCBOR } from "@simplewebauthn/server/helpers";
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";

const encoder = new TextEncoder();
type Bytes = Uint8Array<ArrayBuffer>;

export function b64url(bytes: Uint8Array | ArrayBuffer): string {
  return Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes).toString("base64url");
}

function concat(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A signature counter as authenticator data carries it: 4 bytes, big-endian. */
function uint32(value: number): Bytes {
  return new Uint8Array([(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

async function sha256(bytes: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/** An ECDSA signature as Web Crypto makes it (r ‖ s), in the DER form WebAuthn carries. */
function derSignature(raw: Bytes): Bytes {
  const integer = (bytes: Bytes): Bytes => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    let value: Bytes = bytes.slice(start);
    if (value[0]! & 0x80) value = concat(new Uint8Array([0]), value);
    return concat(new Uint8Array([0x02, value.length]), value);
  };
  const body = concat(integer(raw.slice(0, 32)), integer(raw.slice(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

const FLAG = { up: 0x01, uv: 0x04, be: 0x08, bs: 0x10, at: 0x40 };

export interface CeremonyOverrides {
  origin?: string;
  rpID?: string;
  challenge?: string;
  type?: string;
  userVerified?: boolean;
  /** The signature counter to report (default: one more than last time). */
  counter?: number;
  /** Registering: the credential id to attest (default: 32 random bytes). */
  credentialId?: Uint8Array<ArrayBuffer>;
}

export interface AuthenticatorOptions {
  origin: string;
  /** Report the credential as synced (backup eligible and backed up). */
  synced?: boolean;
  userVerified?: boolean;
  aaguid?: string;
  /** Count signatures (a security key) or not (most synced passkeys report 0). */
  counts?: boolean;
}

/** One credential on one authenticator, once registered. */
export interface Credential {
  id: Uint8Array<ArrayBuffer>;
  keys: CryptoKeyPair;
  userHandle: string;
  rpID: string;
  counter: number;
}

export class SoftwareAuthenticator {
  readonly credentials: Credential[] = [];

  constructor(readonly options: AuthenticatorOptions) {}

  private flags(extra: number, userVerified: boolean): number {
    const synced = this.options.synced ? FLAG.be | FLAG.bs : 0;
    return FLAG.up | (userVerified ? FLAG.uv : 0) | synced | extra;
  }

  private clientData(type: string, challenge: string, origin: string): Bytes {
    return encoder.encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** Creates a credential for `options` and answers as `navigator.credentials.create()` would. */
  async register(options: PublicKeyCredentialCreationOptionsJSON, overrides: CeremonyOverrides = {}): Promise<RegistrationResponseJSON> {
    const rpID = overrides.rpID ?? options.rp.id ?? new URL(this.options.origin).hostname;
    const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey("jwk", keys.publicKey);
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
    const id = overrides.credentialId ?? crypto.getRandomValues(new Uint8Array(32));
    const credential: Credential = { id, keys, userHandle: options.user.id, rpID, counter: 0 };
    const counter = overrides.counter ?? (this.options.counts ? ++credential.counter : 0);
    const aaguid = Buffer.from((this.options.aaguid ?? "00000000-0000-0000-0000-000000000000").replaceAll("-", ""), "hex");
    const authData = concat(
      await sha256(encoder.encode(rpID)),
      new Uint8Array([this.flags(FLAG.at, overrides.userVerified ?? this.options.userVerified ?? true)]),
      uint32(counter),
      aaguid,
      new Uint8Array([id.length >> 8, id.length & 0xff]),
      id,
      cose,
    );
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]) as never);
    this.credentials.push(credential);
    const clientDataJSON = this.clientData(overrides.type ?? "webauthn.create", overrides.challenge ?? options.challenge, overrides.origin ?? this.options.origin);
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: "public-key",
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["internal", "hybrid"] },
    };
  }

  /** Signs in with `credential` (default: the last one registered), as `navigator.credentials.get()` would. */
  async authenticate(options: PublicKeyCredentialRequestOptionsJSON, overrides: CeremonyOverrides = {}, credential = this.credentials.at(-1)): Promise<AuthenticationResponseJSON> {
    if (!credential) throw new Error("no credential registered on this authenticator");
    const rpID = overrides.rpID ?? options.rpId ?? credential.rpID;
    const counter = overrides.counter ?? (this.options.counts ? ++credential.counter : 0);
    const authData = concat(
      await sha256(encoder.encode(rpID)),
      new Uint8Array([this.flags(0, overrides.userVerified ?? this.options.userVerified ?? true)]),
      uint32(counter),
    );
    const clientDataJSON = this.clientData(overrides.type ?? "webauthn.get", overrides.challenge ?? options.challenge, overrides.origin ?? this.options.origin);
    const signed = concat(authData, await sha256(clientDataJSON));
    const signature = derSignature(new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, credential.keys.privateKey, signed)));
    return {
      id: b64url(credential.id),
      rawId: b64url(credential.id),
      type: "public-key",
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature), userHandle: credential.userHandle },
    };
  }
}
