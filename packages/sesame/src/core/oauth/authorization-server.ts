/**
 * Everything needed to talk to one provider: its authorization server metadata (discovered once and
 * cached, or assembled from configured endpoints), the client, how the client authenticates, and the
 * options every request shares (time-out, custom fetch).
 */
import * as oauth from "oauth4webapi";
import type { OAuthProvider, ProviderFetch } from "../provider/oauth.js";
import { InvalidConfiguration } from "../errors.js";
import { isPlainObject } from "../plain-object.js";

export interface ProviderServer {
  as: oauth.AuthorizationServer;
  /** Where sign-in starts (checked to exist). */
  authorizationEndpoint: string;
  client: oauth.Client;
  clientAuth: oauth.ClientAuth;
  /** Options for every oauth4webapi call that makes a request. */
  http: RequestOptions;
  /** The provider's `fetch` with its time-out, for `userinfo.request`. */
  fetch: ProviderFetch;
}

/** The options oauth4webapi's request functions share, in a form every one of them accepts. */
export interface RequestOptions {
  signal: () => AbortSignal;
  [oauth.customFetch]?: (url: string, init: RequestInit) => Promise<Response>;
  [oauth.allowInsecureRequests]?: boolean;
}

const DEFAULT_TIMEOUT_SECONDS = 10;
const servers = new WeakMap<OAuthProvider, Promise<ProviderServer>>();

/** The provider's server, discovered on first use and cached; a failed discovery is retried next time. */
export function providerServer(provider: OAuthProvider): Promise<ProviderServer> {
  let server = servers.get(provider);
  if (!server) {
    server = connect(provider);
    server.catch(() => servers.delete(provider));
    servers.set(provider, server);
  }
  return server;
}

function endpoint(option: string | { url?: string } | undefined): string | undefined {
  return typeof option === "string" ? option : option?.url;
}

async function connect(provider: OAuthProvider): Promise<ProviderServer> {
  // The deprecated `timeout` (ms) was turned into `timeoutSeconds` when the config was resolved.
  const timeoutMs = (provider.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const http: RequestOptions = {
    signal: () => AbortSignal.timeout(timeoutMs),
    ...(provider.fetch && { [oauth.customFetch]: provider.fetch }),
    ...(provider.allowInsecureRequests && { [oauth.allowInsecureRequests]: true }),
  };
  const fetchImpl = provider.fetch ?? fetch;
  const providerFetch: ProviderFetch = (url, init) => fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });

  let discovered: oauth.AuthorizationServer | undefined;
  if (provider.issuer && provider.type === "oidc") {
    const issuer = new URL(provider.issuer);
    const response = await oauth.discoveryRequest(issuer, { ...http, algorithm: "oidc" });
    discovered = await oauth.processDiscoveryResponse(issuer, response);
  } else if (provider.wellKnown && provider.type === "oidc") {
    discovered = await discoverAt(new URL(provider.wellKnown), providerFetch, provider.allowInsecureRequests === true);
  }
  const authorization = endpoint(provider.authorization);
  const as: oauth.AuthorizationServer = {
    ...discovered,
    issuer: discovered?.issuer ?? provider.issuer ?? new URL(authorization ?? "https://invalid").origin,
    ...(authorization && { authorization_endpoint: authorization }),
    ...(endpoint(provider.token) && { token_endpoint: endpoint(provider.token) }),
    ...(endpoint(provider.userinfo) && { userinfo_endpoint: endpoint(provider.userinfo) }),
  };
  const authorizationEndpoint = as.authorization_endpoint;
  if (!authorizationEndpoint || !as.token_endpoint) {
    throw new InvalidConfiguration(
      `Provider "${provider.id}" has no ${authorizationEndpoint ? "token" : "authorization"} endpoint: ` +
        "give an `issuer` with OIDC discovery, or the `authorization` and `token` URLs.",
    );
  }

  const client: oauth.Client = {
    client_id: provider.clientId ?? "",
    id_token_signed_response_alg: provider.idTokenSignedResponseAlg ?? "RS256",
  };
  const method = provider.clientAuth ?? (provider.clientSecret ? "client_secret_basic" : "none");
  if (method !== "none" && !provider.clientSecret) {
    throw new InvalidConfiguration(`Provider "${provider.id}" authenticates with ${method} but has no clientSecret.`);
  }
  const clientAuth =
    method === "none" ? oauth.None() : method === "client_secret_post" ? oauth.ClientSecretPost(provider.clientSecret ?? "") : oauth.ClientSecretBasic(provider.clientSecret ?? "");
  return { as, authorizationEndpoint, client, clientAuth, http, fetch: providerFetch };
}

/**
 * Discovery from a document that does not sit beneath its issuer (`wellKnown`, for Azure AD B2C: the user
 * flow is in the document's path, the issuer it names carries the tenant's id instead). The issuer is the one
 * the document names, and it must be on the document's own origin: a document cannot speak for another
 * server. Its ID tokens are then held to that issuer, as with any discovered provider.
 */
async function discoverAt(url: URL, fetchImpl: ProviderFetch, insecure: boolean): Promise<oauth.AuthorizationServer> {
  if (url.protocol !== "https:" && !insecure) throw new InvalidConfiguration(`The discovery document ${url.href} is not on https:.`);
  const response = await fetchImpl(url.href, { headers: { accept: "application/json" } });
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  const named = isPlainObject(body) && typeof body.issuer === "string" ? urlOrNull(body.issuer) : null;
  if (!named) throw new Error(`The discovery document ${url.href} names no issuer.`);
  if (named.origin !== url.origin) throw new Error(`The discovery document ${url.href} names an issuer on another origin (${named.origin}).`);
  return oauth.processDiscoveryResponse(named, response);
}

function urlOrNull(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
