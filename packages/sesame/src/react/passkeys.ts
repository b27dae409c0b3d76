/**
 * The browser side of passkeys (`Passkey()`), through `@simplewebauthn/browser`: registering one for the
 * signed-in user, signing in with one (from a button, or from the browser's autofill), and the user's list
 * of them. Like the account helpers, each resolves to a result — a refusal by the server, the browser or the
 * user is `ok: false` with an `error`, never an exception; only a network failure rejects.
 */
import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { PasskeyInfo } from "../core/types.js";
import { callApi, type AccountResult } from "./accounts.js";
import { broadcast, getSession } from "./client.js";

/**
 * What the passkey helpers resolve to: an `AccountResult` (`ok`, `status`, `url`, `error`, `message`), with
 * the passkey concerned when there is one. Besides the server's codes (`WebAuthnVerificationError`,
 * `ReauthenticationRequired`, `SessionRequired`, `PasskeyNotFound`, …), `error` is the browser's when the
 * ceremony did not happen (`status` 0): `NotAllowedError` (dismissed, or timed out), `InvalidStateError`
 * (this authenticator already holds a passkey for the account), `AbortError` (replaced by another ceremony,
 * as a pending autofill is by a button), `NotSupportedError` (no WebAuthn, or no autofill, in this browser).
 *
 * @example
 * ```ts
 * const result: PasskeyResult = await registerPasskey({ name: "Work laptop" });
 * if (result.ok) setPasskeys((list) => [...list, result.passkey!]);
 * else if (result.error === "ReauthenticationRequired") await signIn(undefined, { callbackUrl: location.href });
 * ```
 */
export interface PasskeyResult extends AccountResult {
  passkey?: PasskeyInfo;
}

/** The ceremony did not happen in the browser: its DOM error's name, for the app to tell apart. */
function browserRefusal(error: unknown): PasskeyResult {
  const name = error instanceof Error ? error.name : "Error";
  const message = error instanceof Error ? error.message : String(error);
  // @simplewebauthn/browser wraps the DOM error with its own name, and keeps it as `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.name : undefined;
  return { ok: false, status: 0, url: null, error: cause ?? name, message };
}

const unsupported = (what: string): PasskeyResult => ({ ok: false, status: 0, url: null, error: "NotSupportedError", message: `This browser has no ${what}.` });

/** Asks the server for request options at `optionsPath`, and the browser for its passkey's answer to them. */
async function assertion(optionsPath: string, autofill: boolean): Promise<{ ok: true; data: unknown } | { ok: false; refusal: PasskeyResult }> {
  const start = await callApi(optionsPath, {});
  if (!start.answer) return { ok: false, refusal: start.result };
  try {
    return { ok: true, data: await startAuthentication({ optionsJSON: start.answer.options as Parameters<typeof startAuthentication>[0]["optionsJSON"], useBrowserAutofill: autofill }) };
  } catch (error) {
    return { ok: false, refusal: browserRefusal(error) };
  }
}

/**
 * Registers a passkey for the signed-in user: asks the server for options (`POST /passkey/registration-options`),
 * the browser for a new passkey, and stores it (`POST /passkey/register`) under `name` (default: the
 * authenticator's, e.g. "iCloud Keychain", or "Passkey"). Needs a sign-in from the last few minutes:
 * otherwise `error: "ReauthenticationRequired"`, and the user signs in again first.
 *
 * @example
 * ```ts
 * import { registerPasskey } from "sesame-auth/react";
 * const result = await registerPasskey({ name: "Work laptop" });
 * if (!result.ok && result.error !== "NotAllowedError") setError(result.message);
 * ```
 */
export async function registerPasskey(options: { name?: string } = {}): Promise<PasskeyResult> {
  if (!browserSupportsWebAuthn()) return unsupported("WebAuthn");
  const start = await callApi("/passkey/registration-options", {});
  if (!start.answer) return start.result;
  let data: unknown;
  try {
    data = await startRegistration({ optionsJSON: start.answer.options as Parameters<typeof startRegistration>[0]["optionsJSON"] });
  } catch (error) {
    return browserRefusal(error);
  }
  const { result, answer } = await callApi("/passkey/register", { data, name: options.name });
  return answer ? { ...result, passkey: answer.passkey as PasskeyInfo } : result;
}

/**
 * Signs in with a passkey: asks the server for options (`POST /passkey/authentication-options`), the
 * browser for an assertion — in a prompt, or with `autofill: true` when the user picks a passkey from the
 * autofill of an `<input autocomplete="username webauthn">` (call it when the page loads; it waits) — and
 * posts it to `/callback/<providerId>`. Then, like `signIn`, it goes to `callbackUrl` (default: this page)
 * unless `redirect: false`, and tells the other tabs.
 *
 * @example
 * ```tsx
 * import { signInWithPasskey } from "sesame-auth/react";
 * useEffect(() => void signInWithPasskey({ autofill: true, callbackUrl: "/dashboard" }), []);
 * <input name="username" autoComplete="username webauthn" />
 * <button onClick={() => signInWithPasskey({ callbackUrl: "/dashboard" })}>Sign in with a passkey</button>
 * ```
 */
export async function signInWithPasskey(options: { autofill?: boolean; callbackUrl?: string; redirect?: boolean; providerId?: string } = {}): Promise<PasskeyResult> {
  const { autofill = false, redirect = true, providerId = "passkey" } = options;
  if (!browserSupportsWebAuthn()) return unsupported("WebAuthn");
  if (autofill && !(await browserSupportsWebAuthnAutofill())) return unsupported("passkey autofill");
  const asserted = await assertion("/passkey/authentication-options", autofill);
  if (!asserted.ok) return asserted.refusal;
  const { result } = await callApi(`/callback/${encodeURIComponent(providerId)}`, { data: asserted.data, callbackUrl: options.callbackUrl ?? window.location.href });
  if (!result.ok) return result;
  broadcast("signin");
  if (redirect && result.url) {
    window.location.href = result.url;
    return result;
  }
  await getSession().catch(() => null);
  return result;
}

/**
 * Completes a sign-in waiting for its second factor (`twoFactor`) with one of the user's passkeys instead of
 * a code: options for this sign-in (`POST /second-factor/passkey-options`, which lists the user's passkeys),
 * the browser's answer, posted to `/second-factor`. `remember` asks the server to remember this browser. A
 * user without a passkey gets `error: "SecondFactorFailed"`. Like `submitSecondFactor`, the app then goes to
 * `result.url`.
 *
 * @example
 * ```ts
 * import { submitSecondFactorWithPasskey } from "sesame-auth/react";
 * const result = await submitSecondFactorWithPasskey({ remember: true });
 * if (result.ok) router.push(result.url ?? "/");
 * ```
 */
export async function submitSecondFactorWithPasskey({ remember = false }: { remember?: boolean } = {}): Promise<PasskeyResult> {
  if (!browserSupportsWebAuthn()) return unsupported("WebAuthn");
  const asserted = await assertion("/second-factor/passkey-options", false);
  if (!asserted.ok) return asserted.refusal;
  const { result } = await callApi("/second-factor", { data: asserted.data, remember: remember ? "1" : undefined });
  if (!result.ok) return result;
  broadcast("signin");
  await getSession().catch(() => null);
  return result;
}

/**
 * The signed-in user's passkeys (`GET /passkey/list`), oldest first: `passkeys` is empty on a refusal.
 *
 * @example
 * ```tsx
 * import { listPasskeys } from "sesame-auth/react";
 * const { passkeys } = await listPasskeys();
 * return <ul>{passkeys.map((p) => <li key={p.id}>{p.name} · last used {p.lastUsedAt ?? "never"}</li>)}</ul>;
 * ```
 */
export async function listPasskeys(): Promise<AccountResult & { passkeys: PasskeyInfo[] }> {
  const { result, answer } = await callApi("/passkey/list");
  return { ...result, passkeys: answer ? (answer.passkeys as PasskeyInfo[]) : [] };
}

/**
 * Renames one of the signed-in user's passkeys (`POST /passkey/rename`); an empty name gives it back the
 * default. Another user's passkey, or one already deleted, is `error: "PasskeyNotFound"`.
 *
 * @example
 * ```ts
 * import { renamePasskey } from "sesame-auth/react";
 * const result = await renamePasskey(passkey.id, "Phone");
 * ```
 */
export async function renamePasskey(id: string, name: string): Promise<PasskeyResult> {
  const { result, answer } = await callApi("/passkey/rename", { id, name });
  return answer ? { ...result, passkey: answer.passkey as PasskeyInfo } : result;
}

/**
 * Deletes one of the signed-in user's passkeys (`POST /passkey/delete`). Needs a sign-in from the last few
 * minutes (`error: "ReauthenticationRequired"` otherwise).
 *
 * @example
 * ```ts
 * import { deletePasskey } from "sesame-auth/react";
 * if (confirm(`Delete ${passkey.name}?`)) await deletePasskey(passkey.id);
 * ```
 */
export async function deletePasskey(id: string): Promise<AccountResult> {
  return (await callApi("/passkey/delete", { id })).result;
}

/**
 * Whether this browser can sign in with a passkey from autofill (conditional mediation), for deciding
 * whether to call `signInWithPasskey({ autofill: true })` and mark the username field `webauthn`.
 *
 * @example
 * ```ts
 * import { passkeyAutofillAvailable, signInWithPasskey } from "sesame-auth/react";
 * if (await passkeyAutofillAvailable()) void signInWithPasskey({ autofill: true });
 * ```
 */
export function passkeyAutofillAvailable(): Promise<boolean> {
  return browserSupportsWebAuthn() ? browserSupportsWebAuthnAutofill() : Promise.resolve(false);
}
