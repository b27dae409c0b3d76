import type { AccountTokens, AdapterAccount } from "../../core/adapter.js";
import type { ProviderType } from "../../core/types.js";
import type { AccountTokenColumns } from "./schema.js";

/**
 * A refresh's tokens, for an account row: a token the refresh did not return (`undefined`) keeps its stored
 * value rather than being erased (a provider that does not rotate refresh tokens returns none).
 *
 * @example
 * ```ts
 * await db.updateTable("sesame_accounts").set(accountTokens({ access_token: "new", expires_at: 1_900_000_000 })).where(...).execute();
 * ```
 */
export function accountTokens(tokens: AccountTokens): Partial<AccountTokenColumns> {
  return {
    ...(tokens.access_token !== undefined && { access_token: tokens.access_token }),
    ...(tokens.refresh_token !== undefined && { refresh_token: tokens.refresh_token }),
    ...(tokens.expires_at !== undefined && { expires_at: tokens.expires_at }),
  };
}

/**
 * An account row's type and tokens as `AdapterAccount` fields (the caller adds the ids, named per schema):
 * `expires_at` is a bigint, which some drivers return as a string.
 *
 * @example
 * ```ts
 * return { ...accountOf(row), userId: row.user_id, providerAccountId: row.provider_account_id };
 * ```
 */
export function accountOf(row: AccountTokenColumns & { type: string; provider: string }): Omit<AdapterAccount, "userId" | "providerAccountId"> {
  return {
    type: row.type as ProviderType,
    provider: row.provider,
    access_token: row.access_token,
    refresh_token: row.refresh_token,
    expires_at: row.expires_at === null ? null : Number(row.expires_at),
    id_token: row.id_token,
    scope: row.scope,
    token_type: row.token_type,
  };
}
