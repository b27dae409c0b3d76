import { resolveConfig } from "../config/resolve.js";
import { createContext } from "../context.js";
import { readSession } from "./read.js";
import { upstreamOf } from "../upstream/tokens.js";
/**
 * The signed-in user's upstream access token, refreshed first when it expires within `tokens.refreshBuffer`.
 *
 * @example
 * ```ts
 * const { accessToken, cookies } = await getAccessToken(request, config);
 * const orders = await fetch(`${API}/orders`, { headers: { authorization: `Bearer ${accessToken}` } });
 * ```
 */
export async function getAccessToken(request, config, options = {}) {
    const state = await readSession(createContext(request, resolveConfig(config)));
    const upstream = upstreamOf(state.token);
    const error = state.error ?? state.token?.error;
    if (!state.session || !upstream || error || (options.provider && upstream.provider !== options.provider)) {
        return { accessToken: null, cookies: state.cookies, ...(error && { error }) };
    }
    return { accessToken: upstream.accessToken, cookies: state.cookies };
}
