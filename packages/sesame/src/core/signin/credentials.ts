/** Sign-in with a credentials provider: rate limit, `authorize`, then the shared completion. */
import { authorizeWithPassword, passwordIdentifier } from "./password.js";
import type { CredentialsProvider } from "../provider/credentials.js";
import { isPasswordProvider } from "../provider/password.js";
import type { RequestContext } from "../context.js";
import { CallbackRouteError, CredentialsSignin, SesameError } from "../errors.js";
import type { Body } from "../http.js";
import { clearSignInLimit, limitSignIn } from "../rate-limit/limit.js";
import type { SignInUser } from "../types.js";
import { completeSignIn, type SignInOutcome } from "./complete.js";

/** Fields Sesame itself posts with the form; they are not credentials. */
const RESERVED_FIELDS = new Set(["csrfToken", "callbackUrl", "json", "redirect", "data"]);

/** The form field naming the account: configured, else the first that is not a password. */
function identifierField(provider: CredentialsProvider): string {
  if (provider.identifier) return provider.identifier;
  const fields = Object.entries(provider.credentials);
  return fields.find(([, input]) => input.type !== "password")?.[0] ?? "username";
}

export async function signInWithCredentials(
  context: RequestContext,
  provider: CredentialsProvider,
  body: Body,
  callbackUrl: string,
): Promise<SignInOutcome> {
  // A declared field the request left out is empty, so that `CredentialsValues` (all strings) holds.
  const credentials: Record<string, string> = Object.fromEntries(Object.keys(provider.credentials).map((field) => [field, ""]));
  for (const [key, value] of Object.entries(body)) {
    if (!RESERVED_FIELDS.has(key) && typeof value === "string") credentials[key] = value;
  }

  const { accounts } = context.config;
  // Sesame's own password accounts: the address is counted as it is looked up (trimmed, lower-cased).
  const ownAccounts = accounts && isPasswordProvider(provider) ? accounts : undefined;
  const identifier = ownAccounts ? passwordIdentifier(ownAccounts, credentials.email) : credentials[identifierField(provider)];
  await limitSignIn(context, provider.id, identifier);

  let user: SignInUser | null | undefined;
  try {
    user = ownAccounts && isPasswordProvider(provider) ? { ...(await authorizeWithPassword(ownAccounts, provider, { email: credentials.email, password: credentials.password })), emailVerified: true } : await provider.authorize(credentials, context.request);
  } catch (error) {
    if (error instanceof SesameError) throw error;
    throw new CallbackRouteError(`authorize() of provider "${provider.id}" threw.`, { cause: error });
  }
  if (!user) throw new CredentialsSignin();
  await clearSignInLimit(context, provider.id, identifier);

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
