/**
 * Checks a code a user typed as their second factor: a TOTP code of their authenticator, or one of their
 * backup codes. A TOTP code counts once: its time step is recorded with a compare-and-set, so the same code
 * replayed, or sent twice at once, passes once. A backup code is spent by deleting it, which also happens once.
 */
import type { FactorAdapter } from "../adapter.js";
import type { AuthMethod } from "../types.js";
import { backupCodeId, normalizeBackupCode } from "./backup-codes.js";
import { openTotp, sealTotp } from "./factors.js";
import { isTotpCode, totpStep } from "./totp.js";

/** The longest input worth looking at: a backup code with spaces; anything longer is no code. */
const MAX_CODE_INPUT = 32;

/** Whether `code` has the form of a TOTP or backup code: anything else is refused before any work or count. */
export function looksLikeSecondFactorCode(code: unknown): code is string {
  if (typeof code !== "string" || code.length > MAX_CODE_INPUT) return false;
  const typed = code.trim();
  return isTotpCode(typed) || normalizeBackupCode(typed) !== undefined;
}

/** What proved the second factor, or `undefined` when `code` proves nothing. */
export async function verifySecondFactorCode(
  secrets: readonly string[],
  adapter: FactorAdapter,
  userId: string,
  code: unknown,
): Promise<Extract<AuthMethod, "totp" | "backup-code"> | undefined> {
  if (typeof code !== "string" || code.length > MAX_CODE_INPUT) return undefined;
  const typed = code.trim();
  if (isTotpCode(typed)) return (await useTotpCode(secrets, adapter, userId, typed)) ? "totp" : undefined;
  const backup = normalizeBackupCode(typed);
  if (!backup) return undefined;
  const used = await adapter.deleteFactors(userId, { ids: [await backupCodeId(userId, backup)] });
  return used === 1 ? "backup-code" : undefined;
}

async function useTotpCode(secrets: readonly string[], adapter: FactorAdapter, userId: string, code: string): Promise<boolean> {
  const factor = (await adapter.listFactors(userId)).find((f) => f.kind === "totp");
  const data = factor && (await openTotp(secrets, factor.data));
  if (!factor || !data) return false;
  const step = totpStep(data.secret, code);
  // RFC 6238 §5.2: a code is accepted once; so is any code of an earlier step, once a later one was used.
  if (step === undefined || step <= data.lastStep) return false;
  const next = await sealTotp(secrets, { secret: data.secret, lastStep: step });
  return adapter.updateFactor({ id: factor.id, userId }, { data: next, lastUsedAt: new Date() }, factor.data);
}
