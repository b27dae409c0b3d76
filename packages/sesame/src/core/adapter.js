/**
 * The adapter interface: how Sesame stores users, their provider accounts, database sessions and email
 * verification tokens. Every adapter (memory, SQL, …) passes the same conformance suite
 * (test/adapters/conformance.ts). Secrets never reach an adapter in clear: sessions and verification
 * tokens are stored as SHA-256 hashes.
 */
import { AdapterError } from "./errors.js";
import { withTimeout } from "./timeout.js";
/** The stored form of an account from a sign-in: its identity and the tokens the adapter keeps. */
export function adapterAccount(account) {
    const text = (value) => (typeof value === "string" ? value : null);
    return {
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        access_token: text(account.access_token),
        refresh_token: text(account.refresh_token),
        expires_at: typeof account.expires_at === "number" ? account.expires_at : null,
        id_token: text(account.id_token),
        scope: text(account.scope),
        token_type: text(account.token_type),
    };
}
/**
 * The config's adapter, for code that runs only with one: email sign-in and database sessions. Resolving the
 * config already refused those without an adapter, so a missing one here is a bug in Sesame, not the app's.
 */
export function configuredAdapter({ config }, use) {
    if (!config.adapter)
        throw new TypeError(`${use} needs an adapter (checked at configuration)`);
    return config.adapter;
}
/**
 * The adapter as Sesame calls it: every call limited to `timeoutMs`, and every failure reported as an
 * `AdapterError` (503) with the cause, so a database that is down or hanging fails the request cleanly
 * instead of surfacing a driver's error or holding the request open.
 */
export function guardAdapter(adapter, timeoutMs) {
    const guarded = {};
    for (const [name, method] of Object.entries(adapter)) {
        if (typeof method !== "function")
            continue;
        guarded[name] = async (...args) => {
            try {
                const call = method.apply(adapter, args);
                return await withTimeout(call, timeoutMs, () => new AdapterError(`The database did not answer ${name}() within ${timeoutMs} ms.`));
            }
            catch (error) {
                throw error instanceof AdapterError ? error : new AdapterError(`The database failed in ${name}().`, { cause: error });
            }
        };
    }
    return guarded;
}
