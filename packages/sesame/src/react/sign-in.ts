/**
 * The client's `signIn`, NextAuth's signature: it asks the server what kind of provider it is given, and a
 * passkey provider (`Passkey()`, type `"webauthn"`) signs in in the browser, as Auth.js's
 * `next-auth/webauthn` `signIn` does; every other kind goes to the server (client.ts).
 */
import { getProviders, optionsOf, signInWith, type SignInOptions, type SignInResponse } from "./client.js";
import { registerPasskey, signInWithPasskey, type PasskeyResult } from "./passkeys.js";

/**
 * Signs in with `provider` (NextAuth's signature). Without a provider, opens the sign-in page. For an email
 * provider, `{ email }` mails the link (and code, with `Email({ code })`); `{ email, code }` signs in with
 * the typed code (`POST /callback/<id>`): a wrong or expired one is `error: "Verification"`. For a passkey
 * provider, the browser's passkey prompt (or, with `{ autofill: true }`, its autofill); with
 * `{ action: "register" }` (as in Auth.js's `next-auth/webauthn`), a new passkey for the signed-in user
 * (`{ name }` names it).
 *
 * @example
 * ```ts
 * const result = await signIn("credentials", { username, password, redirect: false });
 * if (result?.error) showError(result.code);
 * await signIn("email", { email, redirect: false }); // mails the code
 * const signedIn = await signIn("email", { email, code: "123456", redirect: false });
 * if (signedIn?.error === "Verification") showError("That code is not right, or it has expired.");
 * await signIn("acme", { maxAge: 0 }); // step-up: Acme (OIDC) must ask the user to log in again
 * await signIn("passkey", { redirectTo: "/dashboard" });
 * await signIn("passkey", { action: "register", name: "Work laptop" });
 * ```
 */
export async function signIn(
  provider?: string,
  options: SignInOptions | FormData = {},
  authorizationParams?: string | string[][] | Record<string, string> | URLSearchParams,
): Promise<SignInResponse | undefined> {
  const type = provider ? (await getProviders())?.[provider]?.type : undefined;
  if (provider && type === "webauthn") return withPasskey(provider, optionsOf(options));
  return signInWith(provider, type, options, authorizationParams);
}

async function withPasskey(providerId: string, options: SignInOptions): Promise<SignInResponse | undefined> {
  const { callbackUrl, redirectTo, redirect = true, action, name, autofill } = options;
  if (action === "register") return responseOf(await registerPasskey({ name: typeof name === "string" ? name : undefined }));
  const destination = (typeof redirectTo === "string" && redirectTo) || (typeof callbackUrl === "string" && callbackUrl) || window.location.href;
  const result = await signInWithPasskey({ providerId, callbackUrl: destination, redirect, autofill: autofill === true });
  // Like any signIn that redirects: the page is leaving, there is nothing to return.
  return redirect && result.ok ? undefined : responseOf(result);
}

function responseOf(result: PasskeyResult): SignInResponse {
  return { ok: result.ok, status: result.status, url: result.ok ? result.url : null, error: result.ok ? undefined : (result.error ?? "WebAuthnVerificationError"), code: undefined };
}
