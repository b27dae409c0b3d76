/**
 * Keeping upstream access tokens fresh, correctly under concurrency. Within a process, concurrent requests
 * that find the same expiring token share one refresh. Across processes, the coordinator lets one of them
 * refresh and hands the result to the others — including requests that arrive later with the old cookie —
 * so a rotating refresh token is never presented twice.
 */
import * as oauth from "oauth4webapi";
import { emit } from "../events.js";
import type { RequestContext } from "../context.js";
import { providerServer } from "../oauth/authorization-server.js";
import { sha256 } from "#digest";
import { stampClaims, tokenCodec } from "../token/codec.js";
import type { IssuedTokens, JWT } from "../types.js";
import { keepUpstream, loadUpstream } from "./kept.js";
import { fromIssued, referenceTo, upstreamInfoOf, type UpstreamTokens } from "./tokens.js";
import { refreshedBySesame } from "./ownership.js";
import { nowSeconds } from "../clock.js";
import { withTimeout } from "../timeout.js";

export type RefreshErrorCode = "RefreshTokenError" | "RefreshTokenExpired";

export interface Freshness {
  token: JWT;
  /** The token was changed (new upstream tokens, or an error recorded): it must be stored again. */
  changed: boolean;
  /** Set when the refresh failed. */
  error?: RefreshErrorCode;
}

const GRACE_SALT = "sesame.refresh-grace";
const POLL_INTERVAL_MS = 25;

/**
 * Whether the token carries upstream tokens that expire within the refresh buffer and that Sesame was asked
 * to refresh (ownership.ts): the only case in which `ensureFresh` has work to do. Checked first on the hot
 * path, where an `await` of nothing still costs.
 */
export function expiresSoon(context: RequestContext, token: JWT): boolean {
  const upstream = upstreamInfoOf(token);
  if (!upstream?.expiresAt || dueAt(context, upstream.expiresAt) > nowSeconds()) return false;
  return refreshedBySesame(context, upstream);
}

/** When tokens expiring at `expiresAt` are due for a refresh. */
const dueAt = (context: RequestContext, expiresAt: number) => expiresAt - context.config.tokens.refreshBufferSeconds;

/** Refreshes the token's upstream tokens when they expire within the buffer; otherwise returns it as is. */
export async function ensureFresh(context: RequestContext, token: JWT): Promise<Freshness> {
  const { tokens: options } = context.config;
  const now = nowSeconds();
  // Without a refresh token Sesame refreshes nothing (ownership.ts): the access token just runs out.
  const info = upstreamInfoOf(token);
  if (!info || !expiresSoon(context, token)) return { token, changed: false };
  let upstream: UpstreamTokens | undefined;
  try {
    upstream = await loadUpstream(context, token);
  } catch (error) {
    // The token store is unreachable: no tokens to refresh with, and none to hand out (fail closed).
    return failed(context, token, info, "RefreshTokenError", error);
  }
  // Stored tokens that are gone (their session was signed out or revoked elsewhere) cannot be refreshed.
  if (!upstream?.refreshToken) return failed(context, token, info, "RefreshTokenError", new Error("The session's stored upstream tokens are gone."));
  // A reference older than the store: another request refreshed and stored already. Adopt what it stored.
  if (upstream.expiresAt !== undefined && dueAt(context, upstream.expiresAt) > now) {
    const { error: _previous, ...rest } = token;
    return { token: { ...rest, upstream: referenceTo(upstream) }, changed: true };
  }
  if (upstream.refreshExpiresAt !== undefined && upstream.refreshExpiresAt <= now) return failed(context, token, upstream, "RefreshTokenExpired");

  const refreshToken = upstream.refreshToken;
  const key = await sha256(refreshToken);
  let flight = options.inflight.get(key);
  if (!flight) {
    flight = coordinatedRefresh(context, upstream, refreshToken, key, token.sub).finally(() => options.inflight.delete(key));
    // Requests stop waiting after `timeoutMs` (below); the refresh itself may settle later, with no one awaiting it.
    flight.catch(() => {});
    options.inflight.set(key, flight);
  }
  try {
    const fresh = await withTimeout(flight, options.timeoutMs, refreshTimedOut(options.timeoutMs));
    const { error: _previous, ...rest } = token;
    return { token: await keepUpstream(context, rest, fresh), changed: true };
  } catch (error) {
    return failed(context, token, upstream, "RefreshTokenError", error);
  }
}

async function failed(context: RequestContext, token: JWT, upstream: { provider: string }, code: RefreshErrorCode, cause?: unknown): Promise<Freshness> {
  await emit(context, "tokenRefreshFailed", { provider: upstream.provider, userId: token.sub, error: code });
  if (cause) context.config.logger.warn(code, `Refreshing the ${upstream.provider} token failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  return { token: { ...token, error: code }, changed: token.error !== code, error: code };
}

async function coordinatedRefresh(context: RequestContext, upstream: UpstreamTokens, refreshToken: string, key: string, userId: string | undefined): Promise<UpstreamTokens> {
  const { coordinator, graceWindowSeconds, timeoutMs } = context.config.tokens;
  // Results are sealed under the old refresh token itself: whoever can read one already held that token.
  const grace = tokenCodec([refreshToken], GRACE_SALT);
  const published = async () => {
    const sealed = await coordinator.result(key);
    const claims = sealed ? await grace.decode(sealed) : null;
    return (claims?.upstream as UpstreamTokens | undefined) ?? null;
  };

  const earlier = await published();
  if (earlier) return earlier;
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
      if (result) return result;
    }
    throw new Error("Another server was refreshing this token and did not finish in time.");
  }
  let fresh: UpstreamTokens;
  try {
    fresh = await withTimeout(refreshAtProvider(context, upstream, refreshToken), hold, refreshTimedOut(hold));
  } catch (error) {
    await coordinator.release(key).catch(() => {});
    throw error;
  }
  await coordinator.publish(key, await grace.encode(stampClaims({ upstream: fresh }, graceWindowSeconds)), graceWindowSeconds * 1000);
  await emit(context, "tokenRefreshed", { provider: upstream.provider });
  await keepAccountCurrent(context, userId, fresh);
  return fresh;
}

/**
 * The account row's copy of the tokens (`adapter.updateAccountTokens`), for code that reads them from the
 * database as Auth.js apps do. Written once per refresh, by the process that made it. The session holds the
 * tokens Sesame uses, so a failure here is logged rather than failing a refresh the provider already made.
 */
async function keepAccountCurrent(context: RequestContext, userId: string | undefined, fresh: UpstreamTokens): Promise<void> {
  const update = context.config.adapter?.updateAccountTokens;
  if (!update || !userId) return;
  try {
    await update({ userId, provider: fresh.provider }, { access_token: fresh.accessToken, refresh_token: fresh.refreshToken, expires_at: fresh.expiresAt });
  } catch (error) {
    context.config.logger.warn("AccountTokensNotUpdated", `The ${fresh.provider} account's tokens in the database were not updated after a refresh: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function refreshAtProvider(context: RequestContext, upstream: UpstreamTokens, refreshToken: string): Promise<UpstreamTokens> {
  const provider = context.config.providers.get(upstream.provider);
  if (!provider) throw new Error(`Provider "${upstream.provider}" is no longer configured.`);
  let issued: IssuedTokens;
  // Providers that keep the refresh token (Google) return none: the old one stays, with its expiry.
  if (provider.type === "credentials") {
    if (!provider.tokens?.refresh) throw new Error(`Provider "${provider.id}" has no tokens.refresh hook to refresh with.`);
    issued = await provider.tokens.refresh({ refreshToken, accessToken: upstream.accessToken });
  } else if (provider.type === "email" || provider.type === "webauthn") {
    throw new Error(`${provider.type === "email" ? "Email" : "Passkey"} sign-in has no upstream tokens to refresh.`);
  } else {
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

const refreshTimedOut = (ms: number) => () => new Error(`The refresh did not finish within ${ms} ms.`);
