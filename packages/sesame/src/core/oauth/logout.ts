/**
 * OpenID Connect RP-initiated logout, for providers configured with `endSessionOnSignOut`: the session
 * token remembers which provider signed the user in (and the ID token, as `id_token_hint`), and signing out
 * sends the browser to the provider's `end_session_endpoint`, which comes back to the callback URL.
 */
import type { OAuthProvider } from "../provider/oauth.js";
import type { RequestContext } from "../context.js";
import type { Account, JWT } from "../types.js";
import { providerServer } from "./authorization-server.js";

interface EndSession {
  provider: string;
  idToken?: string;
}

/** The claims to keep at sign-in, when the provider asks for its session to end with ours. */
export function endSessionClaims(provider: OAuthProvider, account: Account): JWT {
  if (!provider.endSessionOnSignOut || provider.type !== "oidc") return {};
  const endSession: EndSession = { provider: provider.id, ...(typeof account.id_token === "string" && { idToken: account.id_token }) };
  return { endSession };
}

/** Where to send the browser to end the provider's session too, or `undefined` when there is nothing to end. */
export async function providerLogoutUrl(context: RequestContext, token: JWT, callbackUrl: string): Promise<string | undefined> {
  const endSession = token.endSession as EndSession | undefined;
  const provider = endSession && context.config.providers.get(endSession.provider);
  if (!provider || (provider.type !== "oidc" && provider.type !== "oauth") || !provider.endSessionOnSignOut) return undefined;
  try {
    const { as } = await providerServer(provider);
    if (!as.end_session_endpoint) return undefined;
    const url = new URL(as.end_session_endpoint);
    url.searchParams.set("client_id", provider.clientId ?? "");
    url.searchParams.set("post_logout_redirect_uri", callbackUrl);
    if (endSession.idToken) url.searchParams.set("id_token_hint", endSession.idToken);
    return url.href;
  } catch (error) {
    // Our session ends whatever the provider does; not reaching it only means its session stays.
    context.config.logger.warn("EndSessionUnavailable", `Could not end the session at provider "${provider.id}": ${String(error)}`);
    return undefined;
  }
}
