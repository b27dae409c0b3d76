/**
 * A signed-in user's second factor: enrolling an authenticator app (TOTP), its backup codes, turning it off,
 * and the devices they asked to be remembered. Each acts on the session's user only, never on an id the
 * request names; enrolling and removing need a recent authentication (see recent-auth.ts).
 *
 * Enrolment is two steps and writes nothing until the second: `startTotpEnrolment` makes a secret and
 * returns it sealed (`enrolment`) with its URI and QR code; `confirmTotpEnrolment` takes the sealed secret
 * and a code the app shows, which proves the app has it, and only then stores the factor, with a fresh set
 * of backup codes, in one transaction.
 */
import type { AdapterFactor } from "../adapter.js";
import type { RequestContext } from "../context.js";
import type { ResolvedTwoFactor } from "../config/two-factor.js";
import { InvalidRequest, SecondFactorFailed } from "../errors.js";
import { emit } from "../events.js";
import type { Body } from "../http.js";
import { backupCodeId, newBackupCodes } from "../mfa/backup-codes.js";
import { sealTotp, userFactors } from "../mfa/factors.js";
import { qrSvg } from "../mfa/qr.js";
import { thisDeviceId } from "../mfa/remembered-device.js";
import { newTotpSecret, totpStep, totpUri } from "../mfa/totp.js";
import { randomString } from "../random.js";
import { limitSignIn } from "../rate-limit/limit.js";
import { stampClaims, tokenCodec } from "../token/codec.js";
import { confirmIdentity } from "./confirm-identity.js";
import { signedInUser } from "./session.js";

const ENROLMENT_SALT = "sesame.totp-enrolment";
/** Minutes to scan the code and type the first one. */
const ENROLMENT_MAX_AGE = 15 * 60;

/**
 * What the security page shows of a user's factors (`GET /account/security`): no secret, no code.
 *
 * @example
 * ```ts
 * const overview: SecurityOverview = await (await fetch("/api/auth/account/security")).json();
 * if (!overview.twoFactor) showEnrolButton();
 * ```
 */
export interface SecurityOverview {
  twoFactor: boolean;
  backupCodesLeft: number;
  devices: Array<{ id: string; name: string | null; createdAt: string; lastUsedAt: string | null; expires: string | null; current: boolean }>;
}

/**
 * What starting a TOTP enrolment answers (`POST /two-factor/enrol`): show `qrSvg` (or `secret`), then send
 * `enrolment` back with the first code to `POST /two-factor/confirm`.
 *
 * @example
 * ```ts
 * const started: TotpEnrolment = await (await fetch("/api/auth/two-factor/enrol", { method: "POST", body })).json();
 * container.innerHTML = started.qrSvg;
 * ```
 */
export interface TotpEnrolment {
  /** The secret in base32, for typing into the app by hand. */
  secret: string;
  /** The `otpauth://` URI the QR code holds. */
  uri: string;
  /** The QR code, as SVG markup. */
  qrSvg: string;
  /** The secret sealed for this user: send it back with the first code to `confirm`. */
  enrolment: string;
}

async function backupFactors(userId: string, codes: string[]): Promise<AdapterFactor[]> {
  const now = new Date();
  return Promise.all(
    codes.map(async (code) => ({ id: await backupCodeId(userId, code.replace("-", "")), userId, kind: "backup-code" as const, name: null, data: "", createdAt: now, lastUsedAt: null, expires: null })),
  );
}

export async function securityOverview(context: RequestContext, twoFactor: ResolvedTwoFactor): Promise<{ overview: SecurityOverview; cookies: string[] }> {
  const { user, cookies } = await signedInUser(context, twoFactor);
  const factors = await userFactors(twoFactor.adapter, user.id);
  const here = await thisDeviceId(context);
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    overview: {
      twoFactor: factors.totp !== undefined,
      backupCodesLeft: factors.backupCodes,
      devices: factors.devices.map((device) => ({ id: device.id, name: device.name, createdAt: device.createdAt.toISOString(), lastUsedAt: iso(device.lastUsedAt), expires: iso(device.expires), current: device.id === here })),
    },
    cookies,
  };
}

export async function startTotpEnrolment(context: RequestContext, twoFactor: ResolvedTwoFactor, body: Body): Promise<TotpEnrolment> {
  const signedIn = await signedInUser(context, twoFactor);
  await confirmIdentity(context, signedIn, body, twoFactor.reauthenticateAfterSeconds);
  const { user } = signedIn;
  const secret = newTotpSecret();
  const issuer = twoFactor.issuer ?? new URL(context.origin).host;
  const uri = totpUri({ secret, issuer, account: user.email ?? user.name ?? user.id });
  const enrolment = await tokenCodec(context.config.secrets, ENROLMENT_SALT).encode(stampClaims({ sub: user.id, secret }, ENROLMENT_MAX_AGE));
  return { secret, uri, qrSvg: qrSvg(uri), enrolment };
}

/** Stores the authenticator once `body.code` proves the app has the secret; returns the new backup codes (shown once). */
export async function confirmTotpEnrolment(context: RequestContext, twoFactor: ResolvedTwoFactor, body: Body): Promise<{ backupCodes: string[] }> {
  const { user } = await signedInUser(context, twoFactor);
  await limitSignIn(context, "totp-enrolment", user.id);
  const sealed = typeof body.enrolment === "string" ? await tokenCodec(context.config.secrets, ENROLMENT_SALT).decode(body.enrolment) : null;
  // Sealed for this user: an enrolment made in another account's session is nothing here.
  if (!sealed || sealed.sub !== user.id || typeof sealed.secret !== "string") throw new InvalidRequest("The enrolment has expired or is not this account's: start again.");
  const step = typeof body.code === "string" ? totpStep(sealed.secret, body.code.trim()) : undefined;
  if (step === undefined) throw new SecondFactorFailed("That code is not right: check the app's clock, and type the code it shows now.");
  const codes = newBackupCodes(twoFactor.backupCodes);
  const now = new Date();
  const totp: AdapterFactor = { id: randomString(22), userId: user.id, kind: "totp", name: "Authenticator app", data: await sealTotp(context.config.secrets, { secret: sealed.secret, lastStep: step }), createdAt: now, lastUsedAt: now, expires: null };
  await twoFactor.adapter.createFactors([totp, ...(await backupFactors(user.id, codes))], { userId: user.id, kinds: ["totp", "backup-code"] });
  await emit(context, "twoFactorEnabled", { user, kind: "totp" });
  return { backupCodes: codes };
}

/** A new set of backup codes, replacing every one left. */
export async function regenerateBackupCodes(context: RequestContext, twoFactor: ResolvedTwoFactor, body: Body): Promise<{ backupCodes: string[] }> {
  const signedIn = await signedInUser(context, twoFactor);
  await confirmIdentity(context, signedIn, body, twoFactor.reauthenticateAfterSeconds);
  const { user } = signedIn;
  if (!(await userFactors(twoFactor.adapter, user.id)).totp) throw new InvalidRequest("Backup codes go with a second factor: enrol an authenticator app first.");
  const codes = newBackupCodes(twoFactor.backupCodes);
  await twoFactor.adapter.createFactors(await backupFactors(user.id, codes), { userId: user.id, kinds: ["backup-code"] });
  return { backupCodes: codes };
}

/** Turns the second factor off: the authenticator, its backup codes and every remembered device go. */
export async function disableTwoFactor(context: RequestContext, twoFactor: ResolvedTwoFactor, body: Body): Promise<void> {
  const signedIn = await signedInUser(context, twoFactor);
  await confirmIdentity(context, signedIn, body, twoFactor.reauthenticateAfterSeconds);
  const removed = await twoFactor.adapter.deleteFactors(signedIn.user.id, { kinds: ["totp", "backup-code", "device"] });
  if (removed > 0) await emit(context, "twoFactorDisabled", { user: signedIn.user });
}

/** Forgets one of the user's remembered devices: its next sign-in asks for the second factor again. */
export async function forgetDevice(context: RequestContext, twoFactor: ResolvedTwoFactor, body: Body): Promise<void> {
  const { user } = await signedInUser(context, twoFactor);
  const device = typeof body.id === "string" && body.id.length <= 64 ? await twoFactor.adapter.getFactor(body.id) : null;
  // Another user's device, or a factor of another kind, is as unknown as a made-up id.
  if (!device || device.userId !== user.id || device.kind !== "device") throw new InvalidRequest("No remembered device of this account has that id.");
  await twoFactor.adapter.deleteFactors(user.id, { ids: [device.id] });
}
