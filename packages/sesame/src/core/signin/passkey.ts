/**
 * Signing in with a passkey (`POST /callback/:provider` of a `Passkey()` provider): the browser's answer to
 * this browser's sign-in ceremony, verified; its passkey's user signs in, with `amr: ["passkey"]` — a
 * passkey with user verification is something the user has and something they are or know.
 */
import type { RequestContext } from "../context.js";
import { InvalidConfiguration, WebAuthnVerificationError } from "../errors.js";
import type { Body } from "../http.js";
import { verifyPasskeySignIn } from "../passkeys/authentication.js";
import type { PasskeyProvider } from "../provider/passkey.js";
import { completeSignIn, type SignInOutcome } from "./complete.js";

/** Signs in with the passkey answer posted as `data`; `callbackUrl` is the destination, already vetted. */
export async function signInWithPasskey(context: RequestContext, provider: PasskeyProvider, body: Body, callbackUrl: string): Promise<SignInOutcome> {
  const { passkeys } = context.config;
  // Resolving the config made this from the provider; without it, the provider is not the config's.
  if (passkeys?.provider.id !== provider.id) throw new InvalidConfiguration(`Provider "${provider.id}" is not this configuration's Passkey() provider.`);
  const { passkey, cookie } = await verifyPasskeySignIn(context, passkeys, body.data);
  const { factor, data } = passkey;
  const user = await passkeys.adapter.getUser(factor.userId);
  if (!user) throw new WebAuthnVerificationError("This passkey's user no longer exists.");
  const outcome = await completeSignIn(
    context,
    {
      user: { id: user.id, name: user.name, email: user.email, image: user.image },
      account: { provider: provider.id, type: "webauthn", providerAccountId: data.credentialId },
      persisted: { user, isNewUser: false },
      amr: ["passkey"],
    },
    callbackUrl,
  );
  return { ...outcome, cookies: [...outcome.cookies, cookie] };
}
