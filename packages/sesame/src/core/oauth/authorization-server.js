/**
 * Everything needed to talk to one provider: its authorization server metadata (discovered once and
 * cached, or assembled from configured endpoints), the client, how the client authenticates, and the
 * options every request shares (time-out, custom fetch).
 */
import * as oauth from "oauth4webapi";
import { InvalidConfiguration } from "../errors.js";
const DEFAULT_TIMEOUT_SECONDS = 10;
const servers = new WeakMap();
/** The provider's server, discovered on first use and cached; a failed discovery is retried next time. */
export function providerServer(provider) {
    let server = servers.get(provider);
    if (!server) {
        server = connect(provider);
        server.catch(() => servers.delete(provider));
        servers.set(provider, server);
    }
    return server;
}
function endpoint(option) {
    return typeof option === "string" ? option : option?.url;
}
async function connect(provider) {
    // The deprecated `timeout` (ms) was turned into `timeoutSeconds` when the config was resolved.
    const timeoutMs = (provider.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    const http = {
        signal: () => AbortSignal.timeout(timeoutMs),
        ...(provider.fetch && { [oauth.customFetch]: provider.fetch }),
        ...(provider.allowInsecureRequests && { [oauth.allowInsecureRequests]: true }),
    };
    const fetchImpl = provider.fetch ?? fetch;
    const providerFetch = (url, init) => fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    let discovered;
    if (provider.issuer && provider.type === "oidc") {
        const issuer = new URL(provider.issuer);
        const response = await oauth.discoveryRequest(issuer, { ...http, algorithm: "oidc" });
        discovered = await oauth.processDiscoveryResponse(issuer, response);
    }
    const authorization = endpoint(provider.authorization);
    const as = {
        ...discovered,
        issuer: discovered?.issuer ?? provider.issuer ?? new URL(authorization ?? "https://invalid").origin,
        ...(authorization && { authorization_endpoint: authorization }),
        ...(endpoint(provider.token) && { token_endpoint: endpoint(provider.token) }),
        ...(endpoint(provider.userinfo) && { userinfo_endpoint: endpoint(provider.userinfo) }),
    };
    const authorizationEndpoint = as.authorization_endpoint;
    if (!authorizationEndpoint || !as.token_endpoint) {
        throw new InvalidConfiguration(`Provider "${provider.id}" has no ${authorizationEndpoint ? "token" : "authorization"} endpoint: ` +
            "give an `issuer` with OIDC discovery, or the `authorization` and `token` URLs.");
    }
    const client = {
        client_id: provider.clientId ?? "",
        id_token_signed_response_alg: provider.idTokenSignedResponseAlg ?? "RS256",
    };
    const method = provider.clientAuth ?? (provider.clientSecret ? "client_secret_basic" : "none");
    if (method !== "none" && !provider.clientSecret) {
        throw new InvalidConfiguration(`Provider "${provider.id}" authenticates with ${method} but has no clientSecret.`);
    }
    const clientAuth = method === "none" ? oauth.None() : method === "client_secret_post" ? oauth.ClientSecretPost(provider.clientSecret ?? "") : oauth.ClientSecretBasic(provider.clientSecret ?? "");
    return { as, authorizationEndpoint, client, clientAuth, http, fetch: providerFetch };
}
