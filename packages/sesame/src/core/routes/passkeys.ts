/**
 * The routes of passkeys (`Passkey()`), all JSON and all CSRF-checked where the request enters
 * (core/auth.ts). Registering, for the signed-in user who signed in recently: `POST /passkey/registration-options`,
 * then `POST /passkey/register` with the browser's answer as `data` (and a `name`). Signing in:
 * `POST /passkey/authentication-options`, then the answer to `POST /callback/:provider` (routes/callback.ts).
 * The signed-in user's own passkeys: `GET /passkey/list`, `POST /passkey/rename` (`id`, `name`),
 * `POST /passkey/delete` (`id`; a recent sign-in).
 */
import { assertRecentSignIn } from "../accounts/recent-sign-in.js";
import { signedInUser, type SignedIn } from "../accounts/session.js";
import type { ResolvedPasskeys } from "../config/passkeys.js";
import type { RequestContext } from "../context.js";
import { UnknownAction } from "../errors.js";
import { emit } from "../events.js";
import { json, withCookies, type Body } from "../http.js";
import { authenticationOptions } from "../passkeys/authentication.js";
import { deletePasskey, listPasskeys, renamePasskey } from "../passkeys/manage.js";
import { registerPasskey, registrationOptions } from "../passkeys/registration.js";
import { passkeyInfo } from "../passkeys/stored.js";
import { limitStoredRequests } from "../rate-limit/limit.js";

function passkeysOf(context: RequestContext): ResolvedPasskeys {
  const { passkeys } = context.config;
  if (!passkeys) throw new UnknownAction("No Passkey() provider is configured, so there are no passkey routes.");
  return passkeys;
}

/** The signed-in user, who must have signed in within `reauthenticateAfter` seconds: for adding or removing a way in. */
async function recentlySignedIn(context: RequestContext, passkeys: ResolvedPasskeys): Promise<SignedIn> {
  const signedIn = await signedInUser(context, passkeys);
  assertRecentSignIn(signedIn, passkeys.reauthenticateAfterSeconds);
  return signedIn;
}

export async function postRegistrationOptions(context: RequestContext): Promise<Response> {
  const passkeys = passkeysOf(context);
  const signedIn = await recentlySignedIn(context, passkeys);
  const { options, cookie } = await registrationOptions(context, passkeys, signedIn.user);
  return json({ options }, { headers: withCookies([...signedIn.cookies, cookie]) });
}

export async function postRegister(context: RequestContext, body: Body): Promise<Response> {
  const passkeys = passkeysOf(context);
  const signedIn = await recentlySignedIn(context, passkeys);
  const registered = await registerPasskey(context, passkeys, signedIn.user, { data: body.data, name: body.name });
  const passkey = passkeyInfo(registered.passkey);
  await emit(context, "passkeyAdded", { user: signedIn.user, passkey });
  return json({ passkey }, { headers: withCookies([...signedIn.cookies, registered.cookie]) });
}

export async function postAuthenticationOptions(context: RequestContext): Promise<Response> {
  const passkeys = passkeysOf(context);
  // Anyone may ask, and each answer stores a challenge: a flood from one address stops here.
  await limitStoredRequests(context, "passkey-options");
  const { options, cookie } = await authenticationOptions(context, passkeys);
  return json({ options }, { headers: withCookies([cookie]) });
}

export async function getPasskeyList(context: RequestContext): Promise<Response> {
  const passkeys = passkeysOf(context);
  const { user, cookies } = await signedInUser(context, passkeys);
  return json({ passkeys: await listPasskeys(passkeys, user.id) }, { headers: withCookies(cookies) });
}

export async function postRenamePasskey(context: RequestContext, body: Body): Promise<Response> {
  const passkeys = passkeysOf(context);
  const { user, cookies } = await signedInUser(context, passkeys);
  return json({ passkey: await renamePasskey(passkeys, user.id, body.id, body.name) }, { headers: withCookies(cookies) });
}

export async function postDeletePasskey(context: RequestContext, body: Body): Promise<Response> {
  const passkeys = passkeysOf(context);
  const { user, cookies } = await recentlySignedIn(context, passkeys);
  const passkey = passkeyInfo(await deletePasskey(passkeys, user.id, body.id));
  await emit(context, "passkeyRemoved", { user, passkey });
  return json({ ok: true }, { headers: withCookies(cookies) });
}
