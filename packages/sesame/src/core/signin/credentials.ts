/** Sign-in with a credentials provider: CSRF check, `authorize`, then the shared completion. */
import type { CredentialsProvider } from "../../providers/types.js";
import type { RequestContext } from "../context.js";
import { assertCsrf } from "../csrf.js";
import { CallbackRouteError, CredentialsSignin, SesameError } from "../errors.js";
import type { Body } from "../http.js";
import type { User } from "../types.js";
import { completeSignIn, type SignInOutcome } from "./complete.js";

/** Fields Sesame itself posts with the form; they are not credentials. */
const RESERVED_FIELDS = new Set(["csrfToken", "callbackUrl", "json", "redirect", "data"]);

export async function signInWithCredentials(
  context: RequestContext,
  provider: CredentialsProvider,
  body: Body,
  callbackUrl: string,
): Promise<SignInOutcome> {
  await assertCsrf(context, body.csrfToken);
  const credentials: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!RESERVED_FIELDS.has(key) && typeof value === "string") credentials[key] = value;
  }

  let user: User | null | undefined;
  try {
    user = await provider.authorize(credentials, context.request);
  } catch (error) {
    if (error instanceof SesameError) throw error;
    throw new CallbackRouteError(`authorize() of provider "${provider.id}" threw.`, { cause: error });
  }
  if (!user) throw new CredentialsSignin();

  // Credentials users without an id still need a stable subject for this session.
  const signedIn = { ...user, id: user.id ?? crypto.randomUUID() };
  return completeSignIn(
    context,
    {
      user: signedIn,
      account: { provider: provider.id, type: "credentials", providerAccountId: signedIn.id },
      credentials,
    },
    callbackUrl,
  );
}
