/**
 * Auth.js adapters, as they are. An app moving from NextAuth keeps its database and its adapter
 * (`@auth/pg-adapter`, `@auth/prisma-adapter`, next-auth 4's `@next-auth/*-adapter`, …): passed as `adapter`,
 * it is recognised and translated here into Sesame's `Adapter`.
 *
 * What the translation has to bridge:
 * - Session tokens. Auth.js stores the cookie's value itself as `sessionToken` and looks sessions up by it.
 *   Sesame writes `<id>.<SHA-256 of the secret>` there instead, so the table never holds a usable cookie;
 *   the cookie stays `<id>.<secret>`. Rows Auth.js wrote (a plain token, never with a dot) are found by
 *   `getLegacySession` and replaced by a Sesame session on their first read (see legacy-database.ts).
 * - What Auth.js's schema has no place for: the session's creation time, client and `jwt` data. The last
 *   renewal is exact (`expires` minus the session's lifetime, as Auth.js computes it). The data (what the
 *   `jwt` callback and `update()` keep, the provider's tokens) is kept only with `authjsAdapter(adapter, {
 *   sessionData })`: sealed with the app's secret in that store (memory, Redis, SQL), keyed by the session.
 * - What its interface has no method for: listing a user's sessions (session lists, "sign out other
 *   devices", revoking all of a user's sessions). Those fail with an `AdapterError` that says so.
 * - Ids and dates as each adapter returns them: numbers (`SERIAL` ids of `@auth/pg-adapter`), ISO strings
 *   (unstorage), `Date`s.
 */
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "./adapter.js";
import { AdapterError } from "./errors.js";
import { isPlainObject } from "./plain-object.js";
import { stampClaims, tokenCodec } from "./token/codec.js";
import type { UpstreamTokenStore } from "./upstream/store.js";

type Awaitable<T> = T | PromiseLike<T>;

/** A user as an Auth.js adapter returns it. Ids may be numbers and dates strings, depending on the adapter. */
export interface AuthjsAdapterUser {
  id: string | number;
  name?: string | null;
  email?: string | null;
  emailVerified?: Date | string | number | null;
  image?: string | null;
}

/** A session row as an Auth.js adapter keeps it. */
export interface AuthjsAdapterSession {
  sessionToken: string;
  userId: string | number;
  expires: Date | string | number;
}

/**
 * The adapter interface of Auth.js (`@auth/core/adapters`) and next-auth 4 (`next-auth/adapters`), as far as
 * Sesame uses it. Any adapter written for them can be passed as Sesame's `adapter`.
 *
 * @example
 * ```ts
 * import { PostgresAdapter } from "@auth/pg-adapter";
 * import { Sesame } from "sesame-auth/next";
 * export const { handlers, auth } = Sesame({ adapter: PostgresAdapter(pool), providers: [GitHub] });
 * ```
 */
export interface AuthjsAdapter {
  createUser?(user: { id: string; name?: string | null; email: string; emailVerified: Date | null; image?: string | null }): Awaitable<AuthjsAdapterUser>;
  getUser?(id: string): Awaitable<AuthjsAdapterUser | null>;
  getUserByEmail?(email: string): Awaitable<AuthjsAdapterUser | null>;
  getUserByAccount?(ref: { provider: string; providerAccountId: string }): Awaitable<AuthjsAdapterUser | null>;
  updateUser?(user: { id: string; name?: string | null; email?: string; emailVerified?: Date | null; image?: string | null }): Awaitable<AuthjsAdapterUser>;
  deleteUser?(userId: string): Awaitable<unknown>;
  linkAccount?(account: AuthjsAdapterAccount): Awaitable<unknown>;
  createSession?(session: { sessionToken: string; userId: string; expires: Date }): Awaitable<unknown>;
  getSessionAndUser?(sessionToken: string): Awaitable<{ session: AuthjsAdapterSession; user: AuthjsAdapterUser } | null>;
  updateSession?(session: { sessionToken: string; expires?: Date }): Awaitable<unknown>;
  deleteSession?(sessionToken: string): Awaitable<unknown>;
  createVerificationToken?(token: { identifier: string; token: string; expires: Date }): Awaitable<unknown>;
  useVerificationToken?(ref: { identifier: string; token: string }): Awaitable<{ identifier: string; token: string; expires: Date | string | number } | null>;
}

/**
 * An account as Auth.js adapters store it: Sesame's fields (the same OAuth names), with absent tokens left
 * out rather than `null`, and `type` open (Auth.js's own type also names `"webauthn"`).
 */
export type AuthjsAdapterAccount = Omit<{ [Field in keyof AdapterAccount]: Exclude<AdapterAccount[Field], null> }, "type"> & { type: string };

/** Options of `authjsAdapter`. */
export interface AuthjsAdapterOptions {
  /**
   * Where database sessions keep what Auth.js's session table has no column for: what the `jwt` callback and
   * `update()` keep, and the provider's tokens (so that `getAccessToken()` has them to use and refresh). Any
   * token store: `MemoryTokenStore()`, `RedisTokenStore(…)`, `SqlTokenStore(db)`. Entries are sealed with the
   * app's secret and end with their session. Without it, that data is not kept (as with Auth.js).
   */
  sessionData?: UpstreamTokenStore;
}

const OPTIONS = Symbol("sesame.authjs-adapter");

/** An Auth.js adapter with Sesame's options for it: what `authjsAdapter` returns. */
export interface ConfiguredAuthjsAdapter {
  readonly [OPTIONS]: { adapter: AuthjsAdapter; options: AuthjsAdapterOptions };
}

/**
 * An Auth.js adapter with options: the one wrapper, for what Auth.js's schema has no place for. An adapter
 * passed as it is works too, without them.
 *
 * @example
 * ```ts
 * import { PrismaAdapter } from "@auth/prisma-adapter";
 * import { authjsAdapter } from "sesame-auth";
 * import { RedisTokenStore } from "sesame-auth/adapters/redis";
 * export const { handlers, auth } = Sesame({
 *   adapter: authjsAdapter(PrismaAdapter(prisma), { sessionData: RedisTokenStore({ url: process.env.REDIS_URL }) }),
 *   providers: [Google],
 * });
 * ```
 */
export function authjsAdapter(adapter: AuthjsAdapter, options: AuthjsAdapterOptions = {}): ConfiguredAuthjsAdapter {
  return { [OPTIONS]: { adapter, options } };
}

/** The Auth.js adapter and its options, from either form the config may hold. */
export function authjsAdapterOf(adapter: AuthjsAdapter | ConfiguredAuthjsAdapter): { adapter: AuthjsAdapter; options: AuthjsAdapterOptions } {
  return OPTIONS in adapter ? adapter[OPTIONS] : { adapter, options: {} };
}

/** Whether `adapter` is Sesame's own kind: only Sesame's has `createUserWithAccount`, never an Auth.js one. */
export function isSesameAdapter(adapter: Adapter | AuthjsAdapter | ConfiguredAuthjsAdapter): adapter is Adapter {
  return typeof (adapter as Partial<Adapter>).createUserWithAccount === "function";
}

/** The methods an Auth.js adapter needs for each use: checked once, when the config is resolved. */
const NEEDED = {
  users: ["createUser", "getUser", "getUserByEmail", "getUserByAccount", "updateUser", "linkAccount"],
  sessions: ["createSession", "getSessionAndUser", "updateSession", "deleteSession"],
  email: ["createVerificationToken", "useVerificationToken"],
} as const satisfies Record<string, ReadonlyArray<keyof AuthjsAdapter>>;

/** The methods `adapter` lacks for `use` (Auth.js makes all of them optional). */
export function missingAuthjsMethods(adapter: AuthjsAdapter, use: keyof typeof NEEDED): string[] {
  return NEEDED[use].filter((name) => typeof adapter[name] !== "function");
}

const toDate = (value: Date | string | number): Date => (value instanceof Date ? value : new Date(value));

function toUser(row: AuthjsAdapterUser): AdapterUser {
  return {
    id: String(row.id),
    name: row.name ?? null,
    email: row.email ?? null,
    emailVerified: row.emailVerified == null ? null : toDate(row.emailVerified),
    image: row.image ?? null,
  };
}

/** Sesame's stored `sessionToken`: the session's id and its secret's hash. A legacy (Auth.js) token never has a dot. */
const storedToken = (id: string, secretHash: string) => `${id}.${secretHash}`;

function unsupported(what: string, method: string): never {
  throw new AdapterError(`${what} needs \`${method}\`, which Auth.js adapters do not have. Use Sesame's SqlAdapter (it reads an Auth.js database), or leave this feature out.`);
}

/** `find()`'s first non-null answer within about a second, or `null`. */
async function eventually<T>(find: () => Promise<T | null>): Promise<T | null> {
  for (let wait = 10; wait <= 320; wait *= 2) {
    const found = await find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return find();
}

/** Calls an optional Auth.js method that the config check made sure exists. */
function method<Name extends keyof AuthjsAdapter>(adapter: AuthjsAdapter, name: Name): NonNullable<AuthjsAdapter[Name]> {
  const found = adapter[name];
  if (typeof found !== "function") throw new AdapterError(`The adapter has no \`${name}\` method, which this needs.`);
  return found.bind(adapter) as NonNullable<AuthjsAdapter[Name]>;
}

const SESSION_DATA_SALT = "sesame.authjs-session-data";
/** The seal only has to outlast the entry, whose lifetime the store keeps. */
const SEAL_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

/**
 * A session's data in the `sessionData` store, sealed with the app's secret and bound to the session's key,
 * so that the store holds nothing usable and an entry cannot be moved to another session.
 */
function sessionDataStore(store: UpstreamTokenStore, secrets: readonly string[]) {
  const seal = () => tokenCodec(secrets, SESSION_DATA_SALT);
  return {
    async read(key: string): Promise<Record<string, unknown>> {
      const sealed = await store.get(key);
      const claims = sealed ? await seal().decode(sealed) : null;
      return claims?.sid === key && isPlainObject(claims.data) ? claims.data : {};
    },
    async write(key: string, userId: string, data: Record<string, unknown>, expires: Date): Promise<void> {
      const sealed = await seal().encode(stampClaims({ sid: key, data }, SEAL_LIFETIME_SECONDS));
      await store.set(key, { sealed, userId, expiresAt: Math.ceil(expires.getTime() / 1000) });
    },
    expire: (key: string, expires: Date) => store.expire(key, Math.ceil(expires.getTime() / 1000)),
    delete: (key: string) => store.delete(key),
    deleteUser: (userId: string) => store.deleteUser(userId),
  };
}

/**
 * Sesame's `Adapter` over an Auth.js one. `maxAgeSeconds` is the session lifetime: with it, a session's last
 * renewal is read from its expiry. `secrets` seal what `options.sessionData` keeps.
 */
export function fromAuthjsAdapter(adapter: AuthjsAdapter, { maxAgeSeconds, secrets, options = {} }: { maxAgeSeconds: number; secrets: readonly string[]; options?: AuthjsAdapterOptions }): Adapter {
  const kept = options.sessionData && sessionDataStore(options.sessionData, secrets);
  const sessionOf = (row: AuthjsAdapterSession, secretHash: string, data: Record<string, unknown> = {}): AdapterSession => {
    const expires = toDate(row.expires);
    const lastSeenAt = new Date(expires.getTime() - maxAgeSeconds * 1000);
    return { id: row.sessionToken, secretHash, userId: String(row.userId), expires, createdAt: lastSeenAt, lastSeenAt, ip: null, userAgent: null, data };
  };
  const account = (value: AdapterAccount): AuthjsAdapterAccount => {
    // Auth.js adapters expect absent tokens as missing fields; some write `null` and some reject it.
    const entries = Object.entries(value).filter(([, field]) => field !== null && field !== undefined);
    return Object.fromEntries(entries) as unknown as AuthjsAdapterAccount;
  };
  const translated: Adapter = {
    async createUser({ id, ...user }) {
      // Auth.js's type says `email: string`; users of credentials sign-in may have none, and the SQL adapters take null.
      const created = toUser(await method(adapter, "createUser")({ ...user, id: id ?? crypto.randomUUID(), email: user.email as string }));
      // Many Auth.js adapters make their own ids. A credentials user kept under another id than `authorize`
      // returned would be created again at every sign-in: refuse instead, and say what to do.
      if (id !== undefined && created.id !== id) {
        await adapter.deleteUser?.(created.id);
        throw new AdapterError(`The adapter makes its own user ids, so credentials users cannot be created under the id \`authorize\` returned ("${id}"): create the user in the database first, and return its id from \`authorize\`.`);
      }
      return created;
    },
    async getUser(id) {
      const row = await method(adapter, "getUser")(id);
      return row ? toUser(row) : null;
    },
    async getUserByEmail(email) {
      const row = await method(adapter, "getUserByEmail")(email);
      return row ? toUser(row) : null;
    },
    async getUserByAccount(ref) {
      const row = await method(adapter, "getUserByAccount")({ provider: ref.provider, providerAccountId: ref.providerAccountId });
      return row ? toUser(row) : null;
    },
    async updateUser({ id, ...changes }) {
      const update: Parameters<NonNullable<AuthjsAdapter["updateUser"]>>[0] = { id };
      if (changes.name !== undefined) update.name = changes.name;
      if (changes.email !== undefined && changes.email !== null) update.email = changes.email;
      if (changes.emailVerified !== undefined) update.emailVerified = changes.emailVerified;
      if (changes.image !== undefined) update.image = changes.image;
      return toUser(await method(adapter, "updateUser")(update));
    },
    async deleteUser(id) {
      await method(adapter, "deleteUser")(id);
      await kept?.deleteUser(id);
    },
    async linkAccount(value) {
      await method(adapter, "linkAccount")(account(value));
    },
    async createUserWithAccount(user, value) {
      // Auth.js adapters have no transactions: the account is looked up first, and a sign-in that raced this
      // one to the same account (the link then fails on the unique key) gets the user that won, this
      // request's user being removed again. A crash between the two writes leaves a user without an account,
      // as it does with Auth.js.
      const linked = await translated.getUserByAccount(value);
      if (linked) return { user: linked, created: false };
      let created: AdapterUser | undefined;
      try {
        created = await translated.createUser(user);
        await translated.linkAccount({ ...value, userId: created.id });
        return { user: created, created: true };
      } catch (error) {
        // The other request may still be between its two writes (its user made, the email now taken, its
        // account not yet linked): give it a moment before concluding this was a real failure.
        const winner = await eventually(() => translated.getUserByAccount(value));
        if (!winner) throw error;
        if (created && adapter.deleteUser) await adapter.deleteUser(created.id);
        return { user: winner, created: false };
      }
    },

    async createSession(session) {
      const key = storedToken(session.id, session.secretHash);
      // The data first: an entry without its session is never read and expires; a session without its data would lose it.
      await kept?.write(key, session.userId, session.data, session.expires);
      await method(adapter, "createSession")({ sessionToken: key, userId: session.userId, expires: session.expires });
    },
    async getSessionAndUser(id, secretHash) {
      if (secretHash === undefined) return null;
      const key = storedToken(id, secretHash);
      const found = await method(adapter, "getSessionAndUser")(key);
      if (!found) return null;
      return { session: sessionOf(found.session, secretHash, await kept?.read(key)), user: toUser(found.user) };
    },
    async getLegacySession(token) {
      // A row Sesame wrote is `<id>.<hash>`: presenting it as a legacy cookie (a database leak) must not work.
      if (token.includes(".")) return null;
      const found = await method(adapter, "getSessionAndUser")(token);
      return found && { session: sessionOf(found.session, ""), user: toUser(found.user) };
    },
    async updateSession(id, changes) {
      // Only the expiry has a column (the last renewal is read back from it); the data goes to `sessionData`.
      if (changes.expires) {
        await method(adapter, "updateSession")({ sessionToken: id, expires: changes.expires });
        await kept?.expire(id, changes.expires);
      }
      if (changes.data && kept) {
        const found = await method(adapter, "getSessionAndUser")(id);
        // A session ended meanwhile (signed out, revoked) is not brought back by its data.
        if (found) await kept.write(id, String(found.session.userId), changes.data, toDate(found.session.expires));
      }
    },
    async deleteSession(id) {
      await method(adapter, "deleteSession")(id);
      await kept?.delete(id);
    },
    listSessions: () => unsupported("Listing a user's sessions", "listSessions"),
    deleteSessions: () => unsupported("Ending all of a user's sessions", "deleteSessions"),

    async createVerificationToken({ identifier, tokenHash, expires }) {
      // Only the hash is stored, under Auth.js's `token` column, so a leaked table holds no usable link.
      await method(adapter, "createVerificationToken")({ identifier, token: tokenHash, expires });
    },
    async useVerificationToken({ identifier, tokenHash }) {
      const used = await method(adapter, "useVerificationToken")({ identifier, token: tokenHash });
      return used && { identifier: used.identifier, tokenHash: used.token, expires: toDate(used.expires) };
    },
  };
  return translated;
}
