/**
 * Finishing an OAuth / OIDC sign-in: check that the callback answers this browser's sign-in, exchange the
 * code, validate the ID token (claims by oauth4webapi, signature against the provider's JWKS), fetch the
 * profile, and map it to a user and an account. Every way the provider can fail becomes
 * `OAuthCallbackError`; every way the callback can fail to belong to this sign-in becomes `InvalidCheck`.
 */
import * as oauth from "oauth4webapi";
import { standardProfile, type OAuthProvider, type TokenSet } from "../provider/oauth.js";
import type { RequestContext } from "../context.js";
import { InvalidCheck, OAuthCallbackError, SesameError, StaleAuthentication } from "../errors.js";
import type { Account, Profile, SignInUser } from "../types.js";
import { redactError, redactText } from "../redact.js";
import { redirectUri } from "./authorization-request.js";
import { consumeChecks } from "./checks.js";
import { providerServer, type ProviderServer } from "./authorization-server.js";
import { nowSeconds } from "../clock.js";
import { isPlainObject } from "../plain-object.js";
import { isAuthTimeRefusal, providerAuthTime } from "./step-up.js";

export interface OAuthSignIn {
  user: SignInUser;
  account: Account;
  profile: Profile;
  callbackUrl: string;
  /** When the provider says the user authenticated (the ID token's `auth_time`), if it says. */
  authTime?: number;
}

export async function finishSignIn(context: RequestContext, provider: OAuthProvider, params: URLSearchParams): Promise<OAuthSignIn> {
  const checks = await consumeChecks(context, provider.id, params.get("state"));
  try {
    const server = await providerServer(provider);
    const { as, client, clientAuth, http } = server;
    let validated: URLSearchParams;
    try {
      validated = oauth.validateAuthResponse(as, client, params, checks.state);
    } catch (error) {
      const reported = params.get("error");
      throw reported
        ? new OAuthCallbackError(redactText(`Provider "${provider.id}" answered error=${reported}: ${params.get("error_description") ?? "no description"}.`), {
            cause: upstreamCause(error),
          })
        : error;
    }
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, validated, redirectUri(context, provider), checks.codeVerifier ?? oauth.nopkce, http);
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: checks.nonce ?? oauth.expectNoNonce,
      requireIdToken: provider.type === "oidc",
      // A re-authentication's `max_age`, from the sealed check cookie: oauth4webapi then requires
      // `auth_time` in the ID token and holds it to the age asked for.
      maxAge: checks.maxAge ?? oauth.skipAuthTimeCheck,
    });
    const idTokenClaims = provider.type === "oidc" ? oauth.getValidatedIdTokenClaims(result) : undefined;
    // oauth4webapi checks the ID token's claims; its signature is checked here, against the provider's JWKS
    // (cached, and fetched again when a token names a key the cache does not have).
    if (idTokenClaims) await oauth.validateApplicationLevelSignature(as, response, http);

    const tokens = tokenSet(result);
    // Identity comes from what the provider itself answered (ID token, userinfo), never from the callback's
    // parameters, which the browser controls.
    const profile = await fetchProfile(provider, server, tokens, idTokenClaims);
    const mapped = await (provider.profile ?? standardProfile)(profile, tokens);
    if (!mapped.id) throw new OAuthCallbackError(`The profile mapping of provider "${provider.id}" returned no user id.`);
    const user: SignInUser = { ...mapped, emailVerified: Boolean(mapped.email) && mapped.emailVerified === true };
    const account: Account = {
      provider: provider.id,
      type: provider.type,
      providerAccountId: mapped.id,
      ...tokens,
    };
    const authTime = providerAuthTime(idTokenClaims);
    return { user, account, profile, callbackUrl: checks.callbackUrl, ...(authTime !== undefined && { authTime }) };
  } catch (error) {
    if (error instanceof SesameError) throw error;
    if (checks.maxAge !== undefined && isAuthTimeRefusal(error)) {
      throw new StaleAuthentication(
        `Provider "${provider.id}" was asked for a login at most ${checks.maxAge} s old (max_age), and its ID token's auth_time is older or missing: ` +
          "it re-used an earlier login. The provider must honour max_age (or set promptLoginOnStepUp).",
        { cause: upstreamCause(error) },
      );
    }
    if (isNonceMismatch(error)) {
      throw new InvalidCheck("The ID token's nonce does not match this browser's sign-in.", { cause: upstreamCause(error) });
    }
    throw new OAuthCallbackError(`Signing in with "${provider.id}" failed: ${describe(error)}`, { cause: upstreamCause(error) });
  }
}

function tokenSet(result: oauth.TokenEndpointResponse): TokenSet {
  const tokens: TokenSet = { ...result, access_token: result.access_token, token_type: result.token_type };
  if (typeof result.expires_in === "number") tokens.expires_at = nowSeconds() + result.expires_in;
  return tokens;
}

async function fetchProfile(provider: OAuthProvider, server: ProviderServer, tokens: TokenSet, idTokenClaims: oauth.IDToken | undefined): Promise<Profile> {
  const { as, client, http } = server;
  if (typeof provider.userinfo === "object" && provider.userinfo.request) {
    return provider.userinfo.request({ tokens, fetch: server.fetch, clientId: client.client_id });
  }
  if (!as.userinfo_endpoint) {
    if (idTokenClaims) return { ...idTokenClaims } as Profile;
    throw new OAuthCallbackError(`Provider "${provider.id}" has neither an ID token nor a userinfo endpoint to read the profile from.`);
  }
  if (provider.type === "oauth") return plainProfile(server, as.userinfo_endpoint, tokens);
  const response = await oauth.userInfoRequest(as, client, tokens.access_token, http);
  const userinfo = await oauth.processUserInfoResponse(as, client, idTokenClaims?.sub ?? oauth.skipSubjectCheck, response);
  return { ...idTokenClaims, ...userinfo } as Profile;
}

/** A plain OAuth 2.0 API's "current user" endpoint: any JSON object, no OpenID Connect rules (`sub`). */
async function plainProfile(server: ProviderServer, url: string, tokens: TokenSet): Promise<Profile> {
  const response = await server.fetch(url, { headers: { authorization: `Bearer ${tokens.access_token}`, accept: "application/json" } });
  if (!response.ok) throw new OAuthCallbackError(`The userinfo endpoint answered ${response.status}.`);
  const profile: unknown = await response.json();
  if (!isPlainObject(profile)) {
    throw new OAuthCallbackError("The userinfo endpoint did not answer with a JSON object.");
  }
  return profile as Profile;
}

/**
 * Whether oauth4webapi refused the ID token for its `nonce`: by its stable error code for a claim that
 * differs from the expected value, and the claim that code's documented detail names.
 */
function isNonceMismatch(error: unknown): boolean {
  if (!(error instanceof oauth.OperationProcessingError) || error.code !== oauth.JWT_CLAIM_COMPARISON) return false;
  const { cause } = error;
  return typeof cause === "object" && cause !== null && "claim" in cause && cause.claim === "nonce";
}

/** The provider's words, which it controls: redacted, since they end up in a log and in the JSON answer. */
function describe(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return redactText(`${error.error}${error.error_description ? ` (${error.error_description})` : ""}`);
  if (error instanceof Error) return error.name === "TimeoutError" ? "the provider did not answer in time" : redactText(error.message);
  return redactText(String(error));
}

/**
 * oauth4webapi's errors keep the provider's whole answer as their `cause` (the token response, with every
 * token in it). The errors Sesame throws reach the app (its logger, its `catch`), so they carry a redacted
 * copy, never the tokens themselves.
 */
function upstreamCause(error: unknown): unknown {
  return error instanceof Error ? redactError(error) : redactText(String(error));
}
