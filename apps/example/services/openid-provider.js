/**
 * The example's own OpenID Provider: panva's certified oidc-provider on loopback, so "Sign in with OpenID"
 * works with no account anywhere. Its development login and consent pages accept the demo users below
 * (any password); the example app is its one registered client.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
export const OIDC_CLIENT_ID = "sesame-example";
/** People who exist at the provider; signing in as anyone else fails at the provider. */
export const OIDC_USERS = {
    carol: { name: "Carol Provider", email: "carol@example.com" },
    dave: { name: "Dave Provider", email: "dave@example.com" },
};
export async function startOpenIdProvider({ appUrl, port = 0 }) {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const clientSecret = randomBytes(32).toString("base64url");
    const server = createServer();
    server.listen(port, "127.0.0.1");
    await once(server, "listening");
    const issuer = `http://127.0.0.1:${server.address().port}`;
    const provider = new Provider(issuer, {
        jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: "example", alg: "RS256", use: "sig" }] },
        clients: [
            {
                client_id: OIDC_CLIENT_ID,
                client_secret: clientSecret,
                redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
                post_logout_redirect_uris: [appUrl],
            },
        ],
        scopes: ["openid", "email", "profile"],
        claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
        findAccount: (_ctx, id) => {
            const user = OIDC_USERS[id];
            if (!user)
                return undefined;
            return { accountId: id, claims: () => ({ sub: id, name: user.name, email: user.email, email_verified: true }) };
        },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        cookies: { keys: [randomBytes(32).toString("base64url")] },
        pkce: { required: () => true },
    });
    // The development login pages log a warning for every request; the demo knows it uses them.
    provider.on("server_error", () => { });
    let delay = 0;
    const callback = provider.callback();
    server.on("request", (req, res) => {
        if (delay === 0)
            return callback(req, res);
        setTimeout(() => callback(req, res), delay);
    });
    return {
        issuer,
        clientSecret,
        setDelay(ms) {
            delay = ms;
        },
        async close() {
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
        },
    };
}
