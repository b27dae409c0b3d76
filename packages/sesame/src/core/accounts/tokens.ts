/**
 * The single-use tokens of the emailed account links (sign-up, address verification, email change, password
 * reset). The link carries a random token; the database keeps its SHA-256, and the flow's state sealed with
 * the app's secret (a pending sign-up's password hash must not be readable there, nor an email change's
 * target changeable). A token is bound to its purpose and address, spent on first use, and expires.
 */
import { sha256 } from "#digest";
import type { RequestContext } from "../context.js";
import { Verification } from "../errors.js";
import { randomString } from "../random.js";
import { stampClaims, tokenCodec } from "../token/codec.js";
import type { JWT } from "../types.js";
import type { ResolvedAccounts } from "../config/accounts.js";

/** What a link is for; part of the token's identifier, so a token of one purpose is nothing to another. */
export type AccountPurpose = "signup" | "verify" | "change" | "reset";

const TOKEN_LENGTH = 43;
const PAYLOAD_SALT = "sesame.account-token";

function identifier(purpose: AccountPurpose, email: string): string {
  return `${purpose}:${email}`;
}

/** Stores a new token with its sealed `state`; returns the token for the link. */
export async function issueAccountToken(
  context: RequestContext,
  accounts: ResolvedAccounts,
  { purpose, email, state, maxAge }: { purpose: AccountPurpose; email: string; state: JWT; maxAge: number },
): Promise<string> {
  const token = randomString(TOKEN_LENGTH);
  const payload = await tokenCodec(context.config.secrets, PAYLOAD_SALT).encode(stampClaims(state, maxAge));
  const expires = new Date(Date.now() + maxAge * 1000);
  await accounts.adapter.createAccountToken({ identifier: identifier(purpose, email), tokenHash: await sha256(token), payload, expires });
  return token;
}

/**
 * Spends the link's token and returns its state. Throws `Verification` for a token that is malformed, unknown,
 * already used, expired, or whose state does not open under the app's secrets.
 */
export async function spendAccountToken(
  context: RequestContext,
  accounts: ResolvedAccounts,
  { purpose, email, token }: { purpose: AccountPurpose; email: string; token: string | undefined },
): Promise<JWT> {
  // Checked before any hashing or lookup: a token is exactly what `randomString` makes.
  if (typeof token !== "string" || token.length !== TOKEN_LENGTH || !/^[\w-]+$/.test(token)) throw new Verification("The link is incomplete or damaged.");
  const used = await accounts.adapter.useAccountToken({ identifier: identifier(purpose, email), tokenHash: await sha256(token) });
  if (!used) throw new Verification("The link is invalid or was already used.");
  if (used.expires.getTime() <= Date.now()) throw new Verification("The link has expired.");
  const state = await tokenCodec(context.config.secrets, PAYLOAD_SALT).decode(used.payload);
  if (!state) throw new Verification("The link has expired.");
  return state;
}
