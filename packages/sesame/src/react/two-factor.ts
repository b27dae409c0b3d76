/**
 * The browser side of second factors (`twoFactor`): completing a sign-in with a code, enrolling an
 * authenticator app, backup codes, turning the second factor off, and remembered devices. Like the account
 * helpers, a refusal resolves to `ok: false` with the server's `error` code (`SecondFactorFailed`,
 * `ReauthenticationRequired`, `RateLimited`, …); only a network failure rejects.
 */
import { broadcast, getSession } from "./client.js";
import { callApi, type AccountResult } from "./accounts.js";

/**
 * Completes a sign-in waiting for its second factor with a code from the authenticator app or a backup code.
 * `remember` asks the server to remember this browser (when `twoFactor.rememberDevice` is on).
 *
 * @example
 * ```ts
 * const result = await submitSecondFactor({ code: "123456", remember: true });
 * if (result.ok) router.push(result.url ?? "/");
 * ```
 */
export async function submitSecondFactor({ code, remember = false }: { code: string; remember?: boolean }): Promise<AccountResult> {
  const { result } = await callApi("/second-factor", { code, remember: remember ? "1" : undefined });
  if (!result.ok) return result;
  broadcast("signin");
  await getSession().catch(() => null);
  return result;
}

/** A TOTP enrolment in progress: show `qrSvg` (or `secret`), then confirm with a code and `enrolment`. */
export type TotpEnrolmentResult = { ok: true; secret: string; uri: string; qrSvg: string; enrolment: string } | ({ ok: false } & AccountResult);

/**
 * Starts enrolling an authenticator app. Needs a recent sign-in, or `password` (or a current `code`).
 *
 * @example
 * ```ts
 * const started = await enrolTotp();
 * if (started.ok) qrContainer.innerHTML = started.qrSvg;
 * ```
 */
export async function enrolTotp(reauthentication: { password?: string; code?: string } = {}): Promise<TotpEnrolmentResult> {
  const { result, answer } = await callApi("/two-factor/enrol", reauthentication);
  if (!result.ok || !answer) return { ...result, ok: false };
  const { secret, uri, qrSvg, enrolment } = answer as Record<string, string>;
  return { ok: true, secret: secret ?? "", uri: uri ?? "", qrSvg: qrSvg ?? "", enrolment: enrolment ?? "" };
}

/** What confirming an enrolment or renewing backup codes gives: the codes, to show the user once. */
export type BackupCodesResult = { ok: true; backupCodes: string[] } | ({ ok: false } & AccountResult);

function backupCodesOf({ result, answer }: Awaited<ReturnType<typeof callApi>>): BackupCodesResult {
  if (!result.ok || !answer) return { ...result, ok: false };
  const codes = answer.backupCodes;
  return { ok: true, backupCodes: Array.isArray(codes) ? codes.filter((code): code is string => typeof code === "string") : [] };
}

/**
 * Finishes enrolling: the first code the app shows proves it has the secret. Resolves to the backup codes.
 *
 * @example
 * ```ts
 * const done = await confirmTotp({ enrolment: started.enrolment, code });
 * if (done.ok) showOnce(done.backupCodes);
 * ```
 */
export async function confirmTotp({ enrolment, code }: { enrolment: string; code: string }): Promise<BackupCodesResult> {
  return backupCodesOf(await callApi("/two-factor/confirm", { enrolment, code }));
}

/**
 * Replaces every backup code left with a new set. Needs a recent sign-in, or `password` or a `code`.
 *
 * @example
 * ```ts
 * const renewed = await regenerateBackupCodes({ code: "123456" });
 * ```
 */
export async function regenerateBackupCodes(reauthentication: { password?: string; code?: string } = {}): Promise<BackupCodesResult> {
  return backupCodesOf(await callApi("/two-factor/backup-codes", reauthentication));
}

/**
 * Turns the second factor off (its backup codes and remembered devices go too). Needs a recent sign-in, or
 * `password` or a `code`.
 *
 * @example
 * ```ts
 * const result = await disableTwoFactor({ password });
 * ```
 */
export async function disableTwoFactor(reauthentication: { password?: string; code?: string } = {}): Promise<AccountResult> {
  return (await callApi("/two-factor/disable", reauthentication)).result;
}

/**
 * Forgets one remembered device (its id from `getSecurity()`): its next sign-in asks for the second factor.
 *
 * @example
 * ```ts
 * await forgetDevice(device.id);
 * ```
 */
export async function forgetDevice(id: string): Promise<AccountResult> {
  return (await callApi("/account/forget-device", { id })).result;
}

/** The security page's view of the signed-in user's factors. */
export interface SecurityState {
  twoFactor: boolean;
  backupCodesLeft: number;
  devices: Array<{ id: string; name: string | null; createdAt: string; lastUsedAt: string | null; expires: string | null; current: boolean }>;
}

/**
 * The signed-in user's factors (`GET /account/security`), or `null` when signed out.
 *
 * @example
 * ```ts
 * const security = await getSecurity();
 * if (security && !security.twoFactor) showEnrolButton();
 * ```
 */
export async function getSecurity(): Promise<SecurityState | null> {
  const { result, answer } = await callApi("/account/security");
  return result.ok && answer ? (answer as unknown as SecurityState) : null;
}
