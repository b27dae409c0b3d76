/**
 * Passkeys (WebAuthn): users register passkeys while signed in, then sign in with one — from a button, or
 * from the browser's autofill — without a password. Each passkey is stored through the adapter; see
 * docs/passkeys.md.
 */
import type { PasskeyProvider, PasskeySettings } from "../core/provider/passkey.js";

export type { PasskeyProvider, PasskeySettings } from "../core/provider/passkey.js";

/**
 * Options of `Passkey()`: its `id` and `name`, and the relying party (`rpID`, `rpName`, `origins`) with
 * the ceremony's limits. Durations are in seconds.
 *
 * @example
 * ```ts
 * Passkey({ rpName: "Acme", rpID: "acme.com", origins: ["https://acme.com", "https://www.acme.com"] })
 * ```
 */
export interface PasskeyOptions extends PasskeySettings {
  /** Default: `"passkey"`, so the sign-in answer goes to `/callback/passkey` and the account is `provider: "passkey"`. */
  id?: string;
  /** Default: `"Passkey"`. */
  name?: string;
}

/**
 * The passkey provider: register passkeys for signed-in users (`registerPasskey()` in `sesame-auth/react`),
 * then sign in with them (`signInWithPasskey()`, or the built-in sign-in page's button and autofill).
 * Needs an adapter that keeps factors (`SqlAdapter`, `MemoryAdapter`); the RP ID and origin come from
 * `AUTH_URL` (or `allowedHosts`) unless given here.
 *
 * @example
 * ```ts
 * import Passkey from "sesame-auth/providers/passkey";
 * import { SqlAdapter } from "sesame-auth/adapters/sql";
 * export const config = { adapter: SqlAdapter(db), providers: [Google(), Passkey({ rpName: "Acme" })] };
 * ```
 */
export default function Passkey(options: PasskeyOptions = {}): PasskeyProvider {
  const { id = "passkey", name = "Passkey", ...passkeys } = options;
  return { id, name, type: "webauthn", passkeys };
}

export { Passkey };
