/**
 * Upstream tokens: the access and refresh tokens of the provider or backend the user signed in with, kept
 * with the session (claim `upstream`) so that Sesame can call the backend for the app and keep the access
 * token fresh. They are server-side data: the browser sees the access token only if the app opts in.
 */
import { decodeJwt } from "jose";
import { nowSeconds } from "../clock.js";
/** The `exp` of a JWT, read without verifying it (only the backend can verify; we only need the date). */
export function jwtExpiry(token) {
    if (!token)
        return undefined;
    try {
        const { exp } = decodeJwt(token);
        return typeof exp === "number" ? exp : undefined;
    }
    catch {
        return undefined;
    }
}
export function fromIssued(provider, issued) {
    const tokens = "access" in issued ? { accessToken: issued.access, refreshToken: issued.refresh } : issued;
    return {
        provider,
        accessToken: tokens.accessToken,
        ...(tokens.refreshToken && { refreshToken: tokens.refreshToken }),
        ...withDefined("expiresAt", ("expiresAt" in tokens ? tokens.expiresAt : undefined) ?? jwtExpiry(tokens.accessToken)),
        ...withDefined("refreshExpiresAt", ("refreshExpiresAt" in tokens ? tokens.refreshExpiresAt : undefined) ?? jwtExpiry(tokens.refreshToken)),
    };
}
export function fromAccount(account) {
    if (typeof account.access_token !== "string")
        return undefined;
    const refreshExpiresIn = Number(account.refresh_expires_in);
    return {
        provider: account.provider,
        accessToken: account.access_token,
        ...(typeof account.refresh_token === "string" && { refreshToken: account.refresh_token }),
        ...withDefined("expiresAt", typeof account.expires_at === "number" ? account.expires_at : undefined),
        ...withDefined("refreshExpiresAt", refreshExpiresIn > 0 ? nowSeconds() + refreshExpiresIn : undefined),
    };
}
function withDefined(key, value) {
    return value === undefined ? {} : { [key]: value };
}
export function upstreamOf(token) {
    const upstream = token?.upstream;
    return upstream && typeof upstream.accessToken === "string" ? upstream : undefined;
}
