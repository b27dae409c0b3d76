/**
 * A real OpenID Provider for the tests: panva's certified oidc-provider, in this process on 127.0.0.1, with
 * its development login and consent pages, test clients for every client authentication method, and a
 * signing key the tests know (to forge ID tokens the way an attacker would).
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider from "oidc-provider";

export const APP_ORIGIN = "http://localhost:3000";
export const CLIENT_SECRET = "client-secret-0123456789-abcdefghijklmnop";

/** Clients registered for the presets of presets.test.ts, each with the default client authentication. */
const PRESET_CLIENTS = ["google", "github", "gitlab", "discord", "microsoft-entra-id", "auth0", "keycloak", "okta"];

export interface TestOP {
  issuer: string;
  signingKey: CryptoKey;
  kid: string;
  close(): Promise<void>;
}

export interface TestOPOptions {
  /** Claims of the account `id` logs in as, over the defaults (`<id>@example.com`, verified). */
  claims?: (id: string) => Record<string, unknown>;
  /**
   * More clients (one per preset under test), each redirecting to `/api/auth/callback/<client_id>` on
   * `APP_ORIGIN` unless given its own `redirect_uris` (an app served over HTTP elsewhere).
   */
  clients?: Array<{ client_id: string; token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post"; redirect_uris?: string[] }>;
}

export async function startOP({ claims, clients = [] }: TestOPOptions = {}): Promise<TestOP> {
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const server: Server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirect = (id: string) => [`${APP_ORIGIN}/api/auth/callback/${id}`];
  const provider = new Provider(issuer, {
    jwks: { keys: [jwk] },
    clients: [
      {
        client_id: "basic",
        client_secret: CLIENT_SECRET,
        redirect_uris: redirect("basic"),
        post_logout_redirect_uris: [`${APP_ORIGIN}/signed-out`],
        token_endpoint_auth_method: "client_secret_basic",
      },
      { client_id: "post", client_secret: CLIENT_SECRET, redirect_uris: redirect("post"), token_endpoint_auth_method: "client_secret_post" },
      { client_id: "public", redirect_uris: redirect("public"), token_endpoint_auth_method: "none" },
      { client_id: "plain", client_secret: CLIENT_SECRET, redirect_uris: redirect("plain") },
      { client_id: "formpost", client_secret: CLIENT_SECRET, redirect_uris: redirect("formpost") },
      // One client per preset, so each preset runs its real flow here with only the issuer changed.
      ...PRESET_CLIENTS.map((id) => ({
        client_id: id,
        client_secret: CLIENT_SECRET,
        redirect_uris: redirect(id),
      })),
      { client_id: "apple", client_secret: CLIENT_SECRET, redirect_uris: redirect("apple"), token_endpoint_auth_method: "client_secret_post" },
      // Refresh tokens, rotated on every use; a rotated-out one presented again revokes the grant.
      // The presets registered above keep their registration.
      ...clients
        .filter(({ client_id }) => !["apple", ...PRESET_CLIENTS].includes(client_id))
        .map((client) => ({ ...client, client_secret: CLIENT_SECRET, redirect_uris: client.redirect_uris ?? redirect(client.client_id) })),
      { client_id: "rotating", client_secret: CLIENT_SECRET, redirect_uris: redirect("rotating"), grant_types: ["authorization_code", "refresh_token"] },
    ],
    scopes: ["openid", "offline_access", "email", "profile"],
    rotateRefreshToken: true,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "picture"] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: `${id}@example.com`, email_verified: true, name: `User ${id}`, picture: `https://example.com/${id}.png`, ...claims?.(id) }),
    }),
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ["op-cookie-key-0123456789abcdefghijklmnop"] },
    ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 86_400, Grant: 86_400, RefreshToken: 86_400 },
    pkce: { required: () => true },
  });
  // Its development pages warn on every start; the tests know.
  provider.on("server_error", () => {});
  server.on("request", provider.callback());
  return {
    issuer,
    signingKey: privateKey,
    kid: "test-key",
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
