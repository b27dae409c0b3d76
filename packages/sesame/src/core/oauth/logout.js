import { providerServer } from "./authorization-server.js";
/** The claims to keep at sign-in, when the provider asks for its session to end with ours. */
export function endSessionClaims(provider, account) {
    if (!provider.endSessionOnSignOut || provider.type !== "oidc")
        return {};
    const endSession = { provider: provider.id, ...(typeof account.id_token === "string" && { idToken: account.id_token }) };
    return { endSession };
}
/** Where to send the browser to end the provider's session too, or `undefined` when there is nothing to end. */
export async function providerLogoutUrl(context, token, callbackUrl) {
    const endSession = token.endSession;
    const provider = endSession && context.config.providers.get(endSession.provider);
    if (!provider || (provider.type !== "oidc" && provider.type !== "oauth") || !provider.endSessionOnSignOut)
        return undefined;
    try {
        const { as } = await providerServer(provider);
        if (!as.end_session_endpoint)
            return undefined;
        const url = new URL(as.end_session_endpoint);
        url.searchParams.set("client_id", provider.clientId ?? "");
        url.searchParams.set("post_logout_redirect_uri", callbackUrl);
        if (endSession.idToken)
            url.searchParams.set("id_token_hint", endSession.idToken);
        return url.href;
    }
    catch (error) {
        // Our session ends whatever the provider does; not reaching it only means its session stays.
        context.config.logger.warn("EndSessionUnavailable", `Could not end the session at provider "${provider.id}": ${String(error)}`);
        return undefined;
    }
}
