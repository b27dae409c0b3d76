/** `getAccessToken`: the upstream access token for calling the backend from server code, refreshed if due. */
import type { SesameConfig } from "../config/options.js";
import { resolveConfig } from "../config/resolve.js";
import { createContext } from "../context.js";
import { readSession } from "./read.js";
import type { RefreshErrorCode } from "../upstream/refresh.js";
import { loadUpstream } from "../upstream/kept.js";
import type { UpstreamTokens } from "../upstream/tokens.js";
import { nowSeconds } from "../clock.js";

/** What `getAccessToken` returns: the upstream access token (refreshed if it was due) and the cookies to send back. */
export interface AccessTokenResult {
  /**
   * A fresh access token, or `null` without a session, without upstream tokens, when refreshing failed, or
   * when it expired and nothing refreshes it (no refresh token, or no `tokens.refresh` hook).
   */
  accessToken: string | null;
  /** Why there is no access token, when refreshing failed. */
  error?: RefreshErrorCode;
  /** `Set-Cookie` values to send back: a refresh changes the session, and the browser must get it. */
  cookies: string[];
}

/**
 * The signed-in user's upstream access token, refreshed first when it expires within `tokens.refreshBuffer`.
 *
 * @example
 * ```ts
 * const { accessToken, cookies } = await getAccessToken(request, config);
 * const orders = await fetch(`${API}/orders`, { headers: { authorization: `Bearer ${accessToken}` } });
 * ```
 */
export async function getAccessToken(request: Request, config: SesameConfig, options: { provider?: string } = {}): Promise<AccessTokenResult> {
  const context = createContext(request, resolveConfig(config));
  const state = await readSession(context);
  let upstream: UpstreamTokens | undefined;
  try {
    upstream = await loadUpstream(context, state.token);
  } catch (error) {
    // The token store is unreachable: no token to hand out (fail closed), and the reason in the log.
    context.config.logger.warn("TokenStoreUnavailable", `No access token: ${error instanceof Error ? error.message : String(error)}`);
    return { accessToken: null, cookies: state.cookies, error: "RefreshTokenError" };
  }
  const error = state.error ?? (state.token?.error as RefreshErrorCode | undefined);
  const expired = upstream?.expiresAt !== undefined && upstream.expiresAt <= nowSeconds();
  if (!state.session || !upstream || error || expired || (options.provider && upstream.provider !== options.provider)) {
    return { accessToken: null, cookies: state.cookies, ...(error && { error }) };
  }
  return { accessToken: upstream.accessToken, cookies: state.cookies };
}
