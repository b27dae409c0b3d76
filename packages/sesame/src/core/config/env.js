/**
 * What the configuration takes from the environment: the secrets, the app's URL, whether to trust the Host
 * header, production mode, and OAuth client credentials. Read where there is a `process.env`, without
 * importing Node, so the same code runs on Edge runtimes and Workers.
 */
import { InvalidConfiguration, InvalidSecret, MissingSecret } from "../errors.js";
export const MIN_SECRET_LENGTH = 32;
/** `process.env` where there is one (Node, Next.js, Workers with nodejs_compat), without importing Node. */
export function readEnv() {
    return globalThis.process?.env ?? {};
}
/** The secrets from the config or the environment, checked. `AUTH_SECRET_1…` add older secrets for rotation. */
export function resolveSecrets(secret, env = readEnv()) {
    const fromEnv = [env.AUTH_SECRET ?? env.NEXTAUTH_SECRET, env.AUTH_SECRET_1, env.AUTH_SECRET_2, env.AUTH_SECRET_3];
    const secrets = (secret === undefined ? fromEnv : Array.isArray(secret) ? secret : [secret]).filter((s) => typeof s === "string" && s.length > 0);
    if (secrets.length === 0)
        throw new MissingSecret();
    for (const s of secrets) {
        if (s.length < MIN_SECRET_LENGTH) {
            throw new InvalidSecret(`The secret is ${s.length} characters long; it must be at least ${MIN_SECRET_LENGTH}. ` +
                "Generate one with `npx sesame-auth secret` and set it as AUTH_SECRET.");
        }
    }
    return secrets;
}
/** `AUTH_URL` (or `NEXTAUTH_URL`), the app's public URL, when set. */
export function authUrlOf(env) {
    const rawUrl = env.AUTH_URL ?? env.NEXTAUTH_URL;
    if (!rawUrl)
        return undefined;
    try {
        return new URL(rawUrl);
    }
    catch {
        throw new InvalidConfiguration(`AUTH_URL is not a valid URL: ${JSON.stringify(rawUrl)}.`);
    }
}
export function isProduction(env) {
    return env.NODE_ENV === "production";
}
/** Trust the Host header unless in production, or when `AUTH_TRUST_HOST` says so. */
export function trustHostOf(env) {
    return env.AUTH_TRUST_HOST === "true" || env.AUTH_TRUST_HOST === "1" || !isProduction(env);
}
/** Fills `clientId`, `clientSecret` and `issuer` from `AUTH_<ID>_ID`, `_SECRET`, `_ISSUER`, as Auth.js does. */
export function withEnvironmentCredentials(provider, env) {
    const prefix = `AUTH_${provider.id.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
    const resolved = {
        ...provider,
        clientId: provider.clientId ?? env[`${prefix}_ID`],
        clientSecret: provider.clientSecret ?? env[`${prefix}_SECRET`],
        issuer: provider.issuer ?? env[`${prefix}_ISSUER`],
    };
    if (!resolved.clientId) {
        throw new InvalidConfiguration(`Provider "${provider.id}" has no client id: set ${prefix}_ID (and ${prefix}_SECRET) or pass \`clientId\`.`);
    }
    if (resolved.type === "oidc" && !resolved.issuer) {
        throw new InvalidConfiguration(`OpenID Connect provider "${provider.id}" needs an issuer: set ${prefix}_ISSUER or pass \`issuer\`.`);
    }
    return resolved;
}
