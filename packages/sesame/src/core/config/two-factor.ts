/**
 * Second factors (`twoFactor`), checked once when the configuration is resolved: the adapter must be able to
 * keep factors and the short-lived state of a sign-in waiting for its second factor, and the numbers must be
 * ones that keep brute force out of reach.
 */
import { FACTOR_METHODS, type Adapter, type FactorAdapter } from "../adapter.js";
import { InvalidConfiguration } from "../errors.js";
import { bounded } from "./bounded.js";

/**
 * Second factors: TOTP authenticator apps with backup codes, and remembered devices. With it, a user who
 * enrolled a factor gets a session only after proving it; until then they hold a short-lived pending
 * sign-in, which is not a session.
 *
 * @example
 * ```ts
 * export const config = { adapter: SqlAdapter(db), twoFactor: { issuer: "Acme", rememberDevice: { days: 30 } }, providers: [...] };
 * ```
 */
export interface TwoFactorOptions {
  /** The name authenticator apps show beside the account. Default: the app's host. */
  issuer?: string;
  /** Wrong codes a pending sign-in survives before it is void and the user starts over. Default: 5 (1–10). */
  maxAttempts?: number;
  /** Seconds a pending sign-in waits for its second factor. Default: 300 (60–900). */
  pendingMaxAge?: number;
  /**
   * Let a user skip the second factor on a browser they tick "remember this device" on, for `days` (1–365).
   * Off by default. Each remembered device is listed and can be forgotten; disabling the second factor
   * forgets them all.
   */
  rememberDevice?: { days: number } | false;
  /** How many backup codes a user gets (each works once). Default: 10 (5–20). */
  backupCodes?: number;
  /**
   * Seconds a sign-in counts as recent for enrolling or removing a factor without typing the password again.
   * Default: 300.
   */
  reauthenticateAfter?: number;
}

export interface ResolvedTwoFactor {
  adapter: FactorAdapter;
  issuer: string | undefined;
  maxAttempts: number;
  pendingMaxAgeSeconds: number;
  /** Seconds a remembered device is remembered; `undefined` when devices are not remembered. */
  rememberSeconds: number | undefined;
  backupCodes: number;
  reauthenticateAfterSeconds: number;
}


export function resolveTwoFactor(options: TwoFactorOptions | undefined, adapter: Adapter | undefined): ResolvedTwoFactor | undefined {
  if (!options) return undefined;
  const missing = FACTOR_METHODS.filter((name) => typeof adapter?.[name] !== "function");
  if (!adapter || missing.length) {
    throw new InvalidConfiguration(
      adapter
        ? `twoFactor keeps factors through the adapter, which lacks ${missing.map((m) => `\`${m}\``).join(", ")}. Sesame's SqlAdapter and MemoryAdapter have them (an Auth.js adapter does not).`
        : "twoFactor keeps each user's factors in the database: configure an `adapter` (e.g. SqlAdapter).",
    );
  }
  const remember = options.rememberDevice;
  return {
    adapter: adapter as FactorAdapter,
    issuer: options.issuer,
    maxAttempts: bounded("twoFactor.maxAttempts", options.maxAttempts, 5, [1, 10]),
    pendingMaxAgeSeconds: bounded("twoFactor.pendingMaxAge", options.pendingMaxAge, 300, [60, 900]),
    rememberSeconds: remember ? bounded("twoFactor.rememberDevice.days", remember.days, 30, [1, 365]) * 86_400 : undefined,
    backupCodes: bounded("twoFactor.backupCodes", options.backupCodes, 10, [5, 20]),
    reauthenticateAfterSeconds: bounded("twoFactor.reauthenticateAfter", options.reauthenticateAfter, 300, [0, 86_400]),
  };
}
