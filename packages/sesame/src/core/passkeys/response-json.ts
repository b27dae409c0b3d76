/**
 * A browser's answer to a ceremony (`PublicKeyCredential.toJSON()`, what `@simplewebauthn/browser` returns),
 * checked where it enters: every field the verification reads is there, of its type, base64url where it
 * must be, and of a size no real authenticator exceeds. Whatever else is wrong with it (a bad signature, a
 * malformed CBOR structure) is for the verification to find; nothing here trusts a value.
 */
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { InvalidRequest } from "../errors.js";
import { isPlainObject } from "../plain-object.js";
import { isTransport } from "./stored.js";

/** Base64url characters of a credential id of 1023 bytes, the most WebAuthn allows. */
const MAX_CREDENTIAL_ID = 1364;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function base64url(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== "string" || value.length === 0) throw new InvalidRequest(`The passkey's answer has no \`${field}\`.`);
  if (value.length > maxLength) throw new InvalidRequest(`The passkey's answer has a \`${field}\` longer than ${maxLength} characters.`);
  if (!BASE64URL.test(value) || value.length % 4 === 1) throw new InvalidRequest(`The passkey's answer has a \`${field}\` that is not base64url.`);
  return value;
}

/** `data` as posted: the credential as a JSON object, or (a form post, as Auth.js's client sends it) as JSON text. */
function parsed(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(data);
  } catch {
    throw new InvalidRequest("The passkey's answer (`data`) is not valid JSON.");
  }
}

function credential(posted: unknown): { id: string; response: Record<string, unknown>; authenticatorAttachment?: "platform" | "cross-platform" } {
  const data = parsed(posted);
  if (!isPlainObject(data)) throw new InvalidRequest("Send the passkey's answer (the credential as JSON) as `data`.");
  const id = base64url(data.id, "id", MAX_CREDENTIAL_ID);
  if (data.rawId !== id) throw new InvalidRequest("The passkey's answer has a `rawId` that is not its `id`.");
  if (data.type !== "public-key") throw new InvalidRequest('The passkey\'s answer is not of type "public-key".');
  if (!isPlainObject(data.response)) throw new InvalidRequest("The passkey's answer has no `response`.");
  const attachment = data.authenticatorAttachment;
  return { id, response: data.response, ...((attachment === "platform" || attachment === "cross-platform") && { authenticatorAttachment: attachment }) };
}

/** The answer to a registration: the new credential, its attestation and transports. */
export function registrationResponse(data: unknown): RegistrationResponseJSON {
  const { id, response, authenticatorAttachment } = credential(data);
  const transports = Array.isArray(response.transports) ? response.transports.slice(0, 16).filter(isTransport) : [];
  return {
    id,
    rawId: id,
    type: "public-key",
    ...(authenticatorAttachment && { authenticatorAttachment }),
    // Extension outputs are not used, so none are passed on.
    clientExtensionResults: {},
    response: {
      clientDataJSON: base64url(response.clientDataJSON, "response.clientDataJSON", 4096),
      // A "none" attestation is a few hundred bytes; a packed one with its certificates a few kilobytes.
      attestationObject: base64url(response.attestationObject, "response.attestationObject", 32_768),
      transports: [...new Set(transports)],
    },
  };
}

/** The answer to a sign-in (an assertion): which credential, and its signature over the challenge. */
export function authenticationResponse(data: unknown): AuthenticationResponseJSON {
  const { id, response, authenticatorAttachment } = credential(data);
  const { userHandle } = response;
  return {
    id,
    rawId: id,
    type: "public-key",
    ...(authenticatorAttachment && { authenticatorAttachment }),
    clientExtensionResults: {},
    response: {
      clientDataJSON: base64url(response.clientDataJSON, "response.clientDataJSON", 4096),
      authenticatorData: base64url(response.authenticatorData, "response.authenticatorData", 4096),
      signature: base64url(response.signature, "response.signature", 1024),
      ...(userHandle !== undefined && userHandle !== null && userHandle !== "" && { userHandle: base64url(userHandle, "response.userHandle", 128) }),
    },
  };
}
