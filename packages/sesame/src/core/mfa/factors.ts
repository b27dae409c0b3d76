/**
 * A user's factors as the second-factor code works with them: the TOTP authenticator (its secret sealed with
 * the app's secrets, with the last time step used, so a code is never accepted twice), how many backup codes
 * are left, and the passkeys.
 */
import type { AdapterFactor, FactorAdapter } from "../adapter.js";
import { stampClaims, tokenCodec } from "../token/codec.js";

const SEAL_SALT = "sesame.factor";
/** A sealed factor does not expire by itself: it lives until the user removes it. */
const SEALED_FOR_SECONDS = 100 * 365 * 86_400;

/** What a TOTP factor's `data` holds once unsealed. */
export interface TotpData {
  secret: string;
  /** The last time step a code was accepted for; codes of it and earlier steps are refused. */
  lastStep: number;
}

export async function sealTotp(secrets: readonly string[], data: TotpData): Promise<string> {
  return tokenCodec(secrets, SEAL_SALT).encode(stampClaims({ ...data }, SEALED_FOR_SECONDS));
}

export async function openTotp(secrets: readonly string[], sealed: string): Promise<TotpData | undefined> {
  const claims = await tokenCodec(secrets, SEAL_SALT).decode(sealed);
  return claims && typeof claims.secret === "string" && typeof claims.lastStep === "number" ? { secret: claims.secret, lastStep: claims.lastStep } : undefined;
}

export interface UserFactors {
  totp: AdapterFactor | undefined;
  backupCodes: number;
  passkeys: AdapterFactor[];
  devices: AdapterFactor[];
}

export async function userFactors(adapter: FactorAdapter, userId: string): Promise<UserFactors> {
  const factors = await adapter.listFactors(userId);
  return {
    totp: factors.find((factor) => factor.kind === "totp"),
    backupCodes: factors.filter((factor) => factor.kind === "backup-code").length,
    passkeys: factors.filter((factor) => factor.kind === "passkey"),
    devices: factors.filter((factor) => factor.kind === "device" && (factor.expires === null || factor.expires.getTime() > Date.now())),
  };
}

/** Whether the user has a second factor: sign-ins then wait for it. */
export function hasSecondFactor(factors: UserFactors): boolean {
  return factors.totp !== undefined;
}
