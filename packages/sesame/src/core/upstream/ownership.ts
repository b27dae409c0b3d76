/**
 * Who refreshes the upstream tokens: Sesame, only where the app asked it to, or the app's own `jwt` callback —
 * never both. Refreshing what nobody asked Sesame to refresh marks healthy sessions `RefreshTokenError` (a
 * NextAuth app whose `authorize` returns `tokens` and whose `jwt` callback refreshes them, as seed 001 does);
 * two parties refreshing one rotating refresh token make a backend with reuse detection revoke the user's
 * whole token family.
 */
import type { Provider } from "../provider/provider.js";
import type { JWT } from "../types.js";
import { upstreamOf } from "./tokens.js";

type WithProviders = { config: { providers: ReadonlyMap<string, Provider> } };

/** How deep `holds` looks into the app's claims: far deeper than any callback nests a copy of its tokens. */
const MAX_CLAIM_DEPTH = 8;

/**
 * Whether Sesame refreshes these tokens: there is a refresh token, and the app asked for refreshing — a
 * credentials provider with a `tokens.refresh` hook, or an OAuth / OIDC provider, which hands out a refresh
 * token only when the app asks for one (offline access). A provider no longer configured still counts as
 * asked, so that the session says it cannot be refreshed rather than keep an access token that expired.
 */
export function refreshedBySesame(context: WithProviders, upstream: { provider: string; refreshable: boolean }): boolean {
  if (!upstream.refreshable) return false;
  const provider = context.config.providers.get(upstream.provider);
  if (!provider) return true;
  if (provider.type === "credentials") return provider.tokens?.refresh !== undefined;
  return provider.type !== "email" && provider.type !== "webauthn";
}

/**
 * The token the sign-in's `jwt` callback returned, without Sesame's copy of the upstream tokens when the app
 * keeps their refresh token in a claim of its own and gave no `tokens.refresh` hook: the app refreshes them
 * itself (NextAuth's refresh-token recipe, seed 001), so Sesame must not refresh them too, and a copy it keeps
 * would go stale under the app's feet (and take cookie space twice). A `tokens.refresh` hook is the app saying
 * Sesame refreshes, copy or not.
 */
export function withoutAppManagedUpstream(context: WithProviders, token: JWT): JWT {
  const upstream = upstreamOf(token);
  if (!upstream?.refreshToken) return token;
  const provider = context.config.providers.get(upstream.provider);
  if (provider?.type === "credentials" && provider.tokens?.refresh) return token;
  const { upstream: _copy, ...claims } = token;
  return holds(claims, upstream.refreshToken, 0) ? claims : token;
}

/** Whether `needle` is a string somewhere in `value` (claims are JSON: objects, arrays and primitives). */
function holds(value: unknown, needle: string, depth: number): boolean {
  if (value === needle) return true;
  if (typeof value !== "object" || value === null || depth >= MAX_CLAIM_DEPTH) return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) if (holds(item, needle, depth + 1)) return true;
  return false;
}
