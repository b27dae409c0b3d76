/**
 * Keeping upstream access tokens fresh, correctly under concurrency. Within a process, concurrent requests
 * that find the same expiring token share one refresh. Across processes, the coordinator lets one of them
 * refresh and hands the result to the others — including requests that arrive later with the old cookie —
 * so a rotating refresh token is never presented twice.
 */
import * as oauth from "oauth4webapi";
import { emit } from "../events.js";
import { providerServer } from "../oauth/authorization-server.js";
import { sha256 } from "#digest";
import { stampClaims, tokenCodec } from "../token/codec.js";
import { fromIssued, upstreamOf } from "./tokens.js";
import { nowSeconds } from "../clock.js";
import { withTimeout } from "../timeout.js";
const GRACE_SALT = "sesame.refresh-grace";
const POLL_INTERVAL_MS = 25;
/**
 * Whether the token carries upstream tokens that expire within the refresh buffer: the only case in which
 * `ensureFresh` has work to do. Checked first on the hot path, where an `await` of nothing still costs.
 */
export function expiresSoon(context, token) {
    const expiresAt = upstreamOf(token)?.expiresAt;
    return !!expiresAt && expiresAt - context.config.tokens.refreshBufferSeconds <= nowSeconds();
}
/** Refreshes the token's upstream tokens when they expire within the buffer; otherwise returns it as is. */
export async function ensureFresh(context, token) {
    const upstream = upstreamOf(token);
    const { tokens: options } = context.config;
    const now = nowSeconds();
    if (!upstream || !expiresSoon(context, token))
        return { token, changed: false };
    if (upstream.refreshExpiresAt !== undefined && upstream.refreshExpiresAt <= now)
        return failed(context, token, upstream, "RefreshTokenExpired");
    if (!upstream.refreshToken)
        return failed(context, token, upstream, "RefreshTokenError", new Error("The access token expired and there is no refresh token."));
    const refreshToken = upstream.refreshToken;
    const key = await sha256(refreshToken);
    let flight = options.inflight.get(key);
    if (!flight) {
        flight = coordinatedRefresh(context, upstream, refreshToken, key).finally(() => options.inflight.delete(key));
        // Requests stop waiting after `timeoutMs` (below); the refresh itself may settle later, with no one awaiting it.
        flight.catch(() => { });
        options.inflight.set(key, flight);
    }
    try {
        const fresh = await withTimeout(flight, options.timeoutMs, refreshTimedOut(options.timeoutMs));
        const { error: _previous, ...rest } = token;
        return { token: { ...rest, upstream: fresh }, changed: true };
    }
    catch (error) {
        return failed(context, token, upstream, "RefreshTokenError", error);
    }
}
async function failed(context, token, upstream, code, cause) {
    await emit(context, "tokenRefreshFailed", { provider: upstream.provider, userId: token.sub, error: code });
    if (cause)
        context.config.logger.warn(code, `Refreshing the ${upstream.provider} token failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    return { token: { ...token, error: code }, changed: token.error !== code, error: code };
}
async function coordinatedRefresh(context, upstream, refreshToken, key) {
    const { coordinator, graceWindowSeconds, timeoutMs } = context.config.tokens;
    // Results are sealed under the old refresh token itself: whoever can read one already held that token.
    const grace = tokenCodec([refreshToken], GRACE_SALT);
    const published = async () => {
        const sealed = await coordinator.result(key);
        const claims = sealed ? await grace.decode(sealed) : null;
        return claims?.upstream ?? null;
    };
    const earlier = await published();
    if (earlier)
        return earlier;
    // A refresh slower than `tokens.timeoutSeconds` fails the requests waiting for it, but is not abandoned: the provider may
    // still rotate the token, and presenting the old one again would look like theft to it (reuse detection).
    // So the claim is held until the refresh settles (at most the grace window), and a late result is published
    // for the next request to use.
    const hold = Math.max(timeoutMs, graceWindowSeconds * 1000);
    if (!(await coordinator.claim(key, hold))) {
        // Another process is refreshing this very token: wait for its result rather than race it.
        const deadline = performance.now() + timeoutMs;
        while (performance.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
            const result = await published();
            if (result)
                return result;
        }
        throw new Error("Another server was refreshing this token and did not finish in time.");
    }
    let fresh;
    try {
        fresh = await withTimeout(refreshAtProvider(context, upstream, refreshToken), hold, refreshTimedOut(hold));
    }
    catch (error) {
        await coordinator.release(key).catch(() => { });
        throw error;
    }
    await coordinator.publish(key, await grace.encode(stampClaims({ upstream: fresh }, graceWindowSeconds)), graceWindowSeconds * 1000);
    await emit(context, "tokenRefreshed", { provider: upstream.provider });
    return fresh;
}
async function refreshAtProvider(context, upstream, refreshToken) {
    const provider = context.config.providers.get(upstream.provider);
    if (!provider)
        throw new Error(`Provider "${upstream.provider}" is no longer configured.`);
    let issued;
    // Providers that keep the refresh token (Google) return none: the old one stays, with its expiry.
    if (provider.type === "credentials") {
        if (!provider.tokens?.refresh)
            throw new Error(`Provider "${provider.id}" has no tokens.refresh hook to refresh with.`);
        issued = await provider.tokens.refresh({ refreshToken, accessToken: upstream.accessToken });
    }
    else if (provider.type === "email") {
        throw new Error("Email sign-in has no upstream tokens to refresh.");
    }
    else {
        const { as, client, clientAuth, http } = await providerServer(provider);
        const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, refreshToken, http);
        const result = await oauth.processRefreshTokenResponse(as, client, response);
        const refreshExpiresIn = Number(result.refresh_expires_in);
        issued = {
            accessToken: result.access_token,
            ...(result.refresh_token && { refreshToken: result.refresh_token }),
            ...(typeof result.expires_in === "number" && { expiresAt: nowSeconds() + result.expires_in }),
            ...(refreshExpiresIn > 0 && { refreshExpiresAt: nowSeconds() + refreshExpiresIn }),
        };
    }
    const normalized = fromIssued(provider.id, issued);
    const fresh = { ...normalized, refreshToken: normalized.refreshToken ?? refreshToken };
    return fresh.refreshExpiresAt === undefined && upstream.refreshExpiresAt !== undefined && fresh.refreshToken === refreshToken
        ? { ...fresh, refreshExpiresAt: upstream.refreshExpiresAt }
        : fresh;
}
const refreshTimedOut = (ms) => () => new Error(`The refresh did not finish within ${ms} ms.`);
