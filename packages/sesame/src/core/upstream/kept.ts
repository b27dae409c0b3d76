/**
 * Where a JWT session's upstream tokens are kept: in the session token itself (claim `upstream`), or — with
 * `tokens.store` — in the store, the session token keeping only a reference (`UpstreamReference`). The rest
 * of the core asks here for the tokens, and hands new ones here, without knowing which.
 *
 * Store entries are keyed by the session's id (`jti`), which stays the same across renewals, refreshes and
 * `update()`, and are sealed with the app's secret under their own salt, so that the store never holds a
 * usable token and an entry cannot be passed off as a session token.
 */
import type { RequestContext } from "../context.js";
import { nowSeconds } from "../clock.js";
import { randomString } from "../random.js";
import { stampClaims, tokenCodec } from "../token/codec.js";
import type { JWT } from "../types.js";
import { referenceOf, referenceTo, upstreamOf, type UpstreamTokens } from "./tokens.js";

const STORE_SALT = "sesame.upstream-store";
const SESSION_ID_LENGTH = 22;
/**
 * The seal's own expiry only has to outlast the entry, whose lifetime the store keeps (and a renewal
 * extends without re-sealing it).
 */
const SEAL_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

type WithStore = Pick<RequestContext, "config">;

function sealer(context: WithStore) {
  return tokenCodec(context.config.secrets, STORE_SALT);
}

/**
 * The session's upstream tokens: from the token itself, or read from the store. `undefined` without any, or
 * when the store no longer has them (the session's tokens were deleted: it was signed out or revoked). A
 * store that cannot be reached throws: the caller fails closed.
 */
export async function loadUpstream(context: WithStore, token: JWT | null | undefined): Promise<UpstreamTokens | undefined> {
  const inline = upstreamOf(token);
  if (inline) return inline;
  const reference = referenceOf(token);
  const { store } = context.config.tokens;
  if (!reference || !store || !token?.jti) return undefined;
  const sealed = await store.get(token.jti);
  if (!sealed) return undefined;
  const claims = await sealer(context).decode(sealed);
  const tokens = claims?.upstream as UpstreamTokens | undefined;
  // An entry sealed for another session (a store row copied over) is not this session's.
  return tokens && claims?.sid === token.jti && tokens.provider === reference.provider ? tokens : undefined;
}

/**
 * `token` with `tokens` kept: in the token itself, or written to the store with a reference left in the
 * token. The session gets its id here if it has none yet (at sign-in), since the store entry is keyed by it.
 */
export async function keepUpstream(context: WithStore, token: JWT, tokens: UpstreamTokens): Promise<JWT> {
  const { store } = context.config.tokens;
  if (!store) return { ...token, upstream: tokens };
  const jti = token.jti ?? randomString(SESSION_ID_LENGTH);
  const expiresAt = token.exp ?? nowSeconds() + context.config.session.maxAgeSeconds;
  const sealed = await sealer(context).encode(stampClaims({ sid: jti, upstream: tokens }, SEAL_LIFETIME_SECONDS));
  await store.set(jti, { sealed, expiresAt, ...(token.sub && { userId: token.sub }) });
  return { ...token, jti, upstream: referenceTo(tokens) };
}

/** The session's stored tokens follow its new expiry (a renewal). Inline tokens need nothing. */
export async function renewUpstream(context: WithStore, token: JWT): Promise<void> {
  const { store } = context.config.tokens;
  if (store && token.jti && token.exp && referenceOf(token)) await store.expire(token.jti, token.exp);
}

/** Deletes the session's stored tokens (sign-out). */
export async function forgetUpstream(context: WithStore, token: JWT | null | undefined): Promise<void> {
  const { store } = context.config.tokens;
  if (store && token?.jti && referenceOf(token)) await store.delete(token.jti);
}
