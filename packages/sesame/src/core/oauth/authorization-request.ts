/** Starting an OAuth / OIDC sign-in: fresh check values, their cookie, and the authorization URL. */
import * as oauth from "oauth4webapi";
import type { OAuthProvider } from "../provider/oauth.js";
import type { RequestContext } from "../context.js";
import { OAuthSignInError, SesameError } from "../errors.js";
import { checksCookie, type Checks } from "./checks.js";
import { providerServer } from "./authorization-server.js";
import { stepUpParams } from "./step-up.js";

export function redirectUri(context: RequestContext, provider: OAuthProvider): string {
  return `${context.authBase}/callback/${encodeURIComponent(provider.id)}`;
}

export function checksOf(provider: OAuthProvider): ReadonlyArray<"pkce" | "state" | "nonce"> {
  return provider.checks ?? (provider.type === "oidc" ? ["pkce", "state", "nonce"] : ["pkce", "state"]);
}

const DEFAULT_SCOPE = { oidc: "openid profile email", oauth: "" } as const;

/** `maxAge`: the sign-in is a re-authentication, whose login may be at most that many seconds old. */
export async function startSignIn(context: RequestContext, provider: OAuthProvider, callbackUrl: string, { maxAge }: { maxAge?: number } = {}): Promise<{ url: string; cookie: string }> {
  let authorizationEndpoint: string;
  try {
    ({ authorizationEndpoint } = await providerServer(provider));
  } catch (error) {
    if (error instanceof SesameError) throw error;
    throw new OAuthSignInError(`Could not load the configuration of provider "${provider.id}".`, { cause: error });
  }
  const checks = checksOf(provider);
  // The state is always sent: it is what ties the callback to this browser's check cookie.
  const pending: Checks = { provider: provider.id, state: oauth.generateRandomState(), callbackUrl };
  const url = new URL(authorizationEndpoint);
  const params = url.searchParams;
  const scope = DEFAULT_SCOPE[provider.type];
  if (scope) params.set("scope", scope);
  // The provider's own parameters (scope, prompt, access_type…) first, so they cannot replace the ones below.
  const extra = typeof provider.authorization === "object" ? provider.authorization.params : undefined;
  for (const [key, value] of Object.entries(extra ?? {})) params.set(key, value);
  const sentMaxAge = stepUpParams(provider, params, maxAge);
  if (sentMaxAge !== undefined) pending.maxAge = sentMaxAge;
  params.set(provider.clientIdParameter ?? "client_id", provider.clientId ?? "");
  params.set("response_type", "code");
  params.set("redirect_uri", redirectUri(context, provider));
  params.set("state", pending.state);
  if (checks.includes("pkce")) {
    pending.codeVerifier = oauth.generateRandomCodeVerifier();
    params.set("code_challenge", await oauth.calculatePKCECodeChallenge(pending.codeVerifier));
    params.set("code_challenge_method", "S256");
  }
  if (checks.includes("nonce")) {
    pending.nonce = oauth.generateRandomNonce();
    params.set("nonce", pending.nonce);
  }
  if (provider.responseMode === "form_post") params.set("response_mode", "form_post");
  return { url: url.href, cookie: await checksCookie(context, pending) };
}
