/**
 * `@simplewebauthn/server`, loaded on first use. It is large (its attestation formats bring an X.509 and
 * ASN.1 stack, and `reflect-metadata`, which patches the global `Reflect` when it loads): an app without
 * passkeys never loads it, and a process loads it at its first ceremony, not at start. Bundlers split it
 * into a chunk of its own (the core's bundle is 205 KB instead of 516 KB, minified, without it).
 */
import type * as SimpleWebAuthnServer from "@simplewebauthn/server";
import type * as SimpleWebAuthnServerHelpers from "@simplewebauthn/server/helpers";

type SimpleWebAuthn = typeof SimpleWebAuthnServer;

let loading: Promise<SimpleWebAuthn> | undefined;

export function simpleWebAuthn(): Promise<SimpleWebAuthn> {
  return (loading ??= import("@simplewebauthn/server"));
}

type SimpleWebAuthnHelpers = typeof SimpleWebAuthnServerHelpers;

let loadingHelpers: Promise<SimpleWebAuthnHelpers> | undefined;

/** `@simplewebauthn/server/helpers` (decoding what an authenticator sent), loaded on first use likewise. */
export function simpleWebAuthnHelpers(): Promise<SimpleWebAuthnHelpers> {
  return (loadingHelpers ??= import("@simplewebauthn/server/helpers"));
}
