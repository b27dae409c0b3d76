/**
 * A passkey as the adapter keeps it: a factor of kind `"passkey"` whose id is the SHA-256 of its credential
 * id (credential ids may be up to 1023 bytes, too long for a key) and whose `data` is the public half of the
 * credential as JSON — the public key, the signature counter, the backup flags. Nothing in it is secret: a
 * database leak gives no way to sign in.
 */
import { sha256 } from "#digest";
import type { AuthenticatorTransportFuture } from "@simplewebauthn/server";
import type { AdapterFactor, FactorAdapter } from "../adapter.js";
import { AdapterError } from "../errors.js";
import { isPlainObject } from "../plain-object.js";
import type { PasskeyInfo } from "../types.js";

/** A passkey's `data`, parsed. */
export interface PasskeyData {
  /** The credential id, base64url. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The signature counter the authenticator last reported (0 for most synced passkeys, which keep none). */
  counter: number;
  transports: AuthenticatorTransportFuture[];
  deviceType: "singleDevice" | "multiDevice";
  backedUp: boolean;
  /** The authenticator's model (AAGUID), when it said. */
  aaguid?: string;
  /**
   * SHA-256 of the challenge of the last assertion accepted. It changes on every use, so that the
   * compare-and-set of a use turns on it even when the counter does not move (synced passkeys), and an
   * assertion is never accepted twice in a row.
   */
  lastChallenge?: string;
}

const TRANSPORTS: ReadonlySet<string> = new Set<AuthenticatorTransportFuture>(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

/** Whether `value` is a transport WebAuthn knows: the others are dropped, never stored or sent back to a browser. */
export function isTransport(value: unknown): value is AuthenticatorTransportFuture {
  return typeof value === "string" && TRANSPORTS.has(value);
}

/** A stored passkey with its parsed data. */
export interface StoredPasskey {
  factor: AdapterFactor;
  data: PasskeyData;
}

/** The factor id of a credential: its SHA-256, domain-separated from the other kinds of factor. */
export function passkeyFactorId(credentialId: string): Promise<string> {
  return sha256(`passkey\n${credentialId}`);
}

/** `data` as stored: keys in a fixed order, so that the same data is always the same text (compare-and-set compares text). */
export function encodePasskeyData(data: PasskeyData): string {
  const { credentialId, publicKey, counter, transports, deviceType, backedUp, aaguid, lastChallenge } = data;
  return JSON.stringify({ credentialId, publicKey, counter, transports, deviceType, backedUp, aaguid, lastChallenge });
}

/** The stored passkey of `factor`. Stored data that does not parse is a damaged database, reported as `AdapterError`. */
export function storedPasskey(factor: AdapterFactor): StoredPasskey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(factor.data);
  } catch {
    parsed = undefined;
  }
  const data = isPlainObject(parsed) ? parsed : {};
  const { credentialId, publicKey, counter, transports, deviceType, backedUp, aaguid, lastChallenge } = data;
  if (
    typeof credentialId !== "string" ||
    typeof publicKey !== "string" ||
    typeof counter !== "number" ||
    !Array.isArray(transports) ||
    (deviceType !== "singleDevice" && deviceType !== "multiDevice") ||
    typeof backedUp !== "boolean"
  ) {
    throw new AdapterError(`The stored passkey ${factor.id} is damaged: its data is not what Sesame wrote.`);
  }
  return {
    factor,
    data: {
      credentialId,
      publicKey,
      counter,
      transports: transports.filter(isTransport),
      deviceType,
      backedUp,
      ...(typeof aaguid === "string" && { aaguid }),
      ...(typeof lastChallenge === "string" && { lastChallenge }),
    },
  };
}

/** The user's passkeys, oldest first. */
export async function userPasskeys(adapter: FactorAdapter, userId: string): Promise<StoredPasskey[]> {
  return (await adapter.listFactors(userId)).filter((factor) => factor.kind === "passkey").map(storedPasskey);
}

/** What the user is shown of a passkey. */
export function passkeyInfo({ factor, data }: StoredPasskey): PasskeyInfo {
  return {
    id: factor.id,
    name: factor.name ?? "Passkey",
    createdAt: factor.createdAt.toISOString(),
    lastUsedAt: factor.lastUsedAt?.toISOString() ?? null,
    deviceType: data.deviceType,
    backedUp: data.backedUp,
    transports: data.transports,
  };
}
