/**
 * The SQL adapter, on Kysely: SQLite, PostgreSQL and MySQL with the same queries. Pass any Kysely instance
 * (its dialect decides the database); run `migrate(db)` (or `npx sesame-auth migrate`) first.
 */
import type { Kysely, Selectable } from "kysely";
import type { Adapter, AdapterAccount, AdapterFactor, AdapterSession, AdapterUser, FactorKind } from "../../core/adapter.js";
import type { FactorsTable, SesameDatabase, SessionsTable, UsersTable } from "./schema.js";
import { accountOf, accountTokens } from "./account-tokens.js";
import { AuthjsSqlAdapter } from "./authjs-adapter.js";
import type { AuthjsSchema, AuthjsSchemaName } from "./authjs-schema.js";
import { firstSignIn } from "./unique-violation.js";

const toDate = (ms: number | string | null): Date | null => (ms === null ? null : new Date(Number(ms)));
const toMs = (date: Date | null | undefined): number | null => (date ? date.getTime() : null);

function user(row: Selectable<UsersTable>): AdapterUser {
  return { id: row.id, name: row.name, email: row.email, emailVerified: toDate(row.email_verified), image: row.image };
}

function session(row: Selectable<SessionsTable>): AdapterSession {
  return {
    id: row.id,
    secretHash: row.secret_hash,
    userId: row.user_id,
    expires: new Date(Number(row.expires_at)),
    createdAt: new Date(Number(row.created_at)),
    lastSeenAt: new Date(Number(row.last_seen_at)),
    ip: row.ip,
    userAgent: row.user_agent,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

/**
 * Options of `SqlAdapter`.
 *
 * @example
 * ```ts
 * SqlAdapter(db, { authjs: "pg-adapter" }); // the tables @auth/pg-adapter created, after `sesame-auth migrate --adopt-authjs pg-adapter`
 * ```
 */
export interface SqlAdapterOptions {
  /**
   * Read and write the tables of an existing Auth.js database instead of Sesame's: the preset of the Auth.js
   * adapter that created them (`"pg-adapter"`, `"kysely"`, `"drizzle"`, `"prisma"`), or the tables written
   * out. Run `sesame-auth migrate --adopt-authjs <preset>` (or `adoptAuthjs(db, preset)`) first.
   */
  authjs?: AuthjsSchemaName | AuthjsSchema;
}

/**
 * The SQL adapter on any Kysely instance (SQLite, PostgreSQL, MySQL): users, accounts, database sessions
 * and email tokens. Run `migrate(db)` first.
 *
 * @example
 * ```ts
 * import { SqlAdapter, migrate } from "sesame-auth/adapters/sql";
 * import { postgres } from "sesame-auth/adapters/postgres";
 * const db = postgres({ connectionString: process.env.DATABASE_URL });
 * await migrate(db);
 * export const config = { adapter: SqlAdapter(db), providers: [GitHub()] };
 * ```
 */
export function SqlAdapter(db: Kysely<SesameDatabase>, options: SqlAdapterOptions = {}): Adapter {
  if (options.authjs) return AuthjsSqlAdapter(db, options.authjs);
  const adapter: Adapter = {
    async createUser({ id = crypto.randomUUID(), ...data }) {
      const row = { id, name: data.name ?? null, email: data.email ?? null, email_verified: toMs(data.emailVerified), image: data.image ?? null, created_at: Date.now() };
      await db.insertInto("sesame_users").values(row).execute();
      return user(row);
    },
    async getUser(id) {
      const row = await db.selectFrom("sesame_users").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? user(row) : null;
    },
    async getUserByEmail(email) {
      const row = await db.selectFrom("sesame_users").selectAll().where("email", "=", email).executeTakeFirst();
      return row ? user(row) : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const row = await db
        .selectFrom("sesame_accounts")
        .innerJoin("sesame_users", "sesame_users.id", "sesame_accounts.user_id")
        .selectAll("sesame_users")
        .where("sesame_accounts.provider", "=", provider)
        .where("sesame_accounts.provider_account_id", "=", providerAccountId)
        .executeTakeFirst();
      return row ? user(row) : null;
    },
    async updateUser({ id, ...changes }) {
      const values: Partial<UsersTable> = {};
      if (changes.name !== undefined) values.name = changes.name;
      if (changes.email !== undefined) values.email = changes.email;
      if (changes.image !== undefined) values.image = changes.image;
      if (changes.emailVerified !== undefined) values.email_verified = toMs(changes.emailVerified);
      if (Object.keys(values).length) await db.updateTable("sesame_users").set(values).where("id", "=", id).execute();
      const updated = await adapter.getUser(id);
      if (!updated) throw new Error(`No user with id ${id}`);
      return updated;
    },
    async deleteUser(id) {
      // Explicit deletes rather than ON DELETE CASCADE alone: SQLite enforces it only with foreign_keys on.
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("sesame_sessions").where("user_id", "=", id).execute();
        await trx.deleteFrom("sesame_passwords").where("user_id", "=", id).execute();
        await trx.deleteFrom("sesame_factors").where("user_id", "=", id).execute();
        await trx.deleteFrom("sesame_accounts").where("user_id", "=", id).execute();
        await trx.deleteFrom("sesame_users").where("id", "=", id).execute();
      });
    },
    async linkAccount(account) {
      await db.insertInto("sesame_accounts").values(accountRow(account.userId, account)).execute();
    },
    async getAccount({ provider, providerAccountId }) {
      const row = await db.selectFrom("sesame_accounts").selectAll().where("provider", "=", provider).where("provider_account_id", "=", providerAccountId).executeTakeFirst();
      return row ? { ...accountOf(row), userId: row.user_id, providerAccountId: row.provider_account_id } : null;
    },
    async updateAccountTokens({ userId, provider }, tokens) {
      await db.updateTable("sesame_accounts").set(accountTokens(tokens)).where("user_id", "=", userId).where("provider", "=", provider).execute();
    },
    createUserWithAccount: (data, account) =>
      firstSignIn(
        () =>
          db.transaction().execute(async (trx) => {
            const linked = await SqlAdapter(trx).getUserByAccount(account);
            if (linked) return { user: linked, created: false };
            const created = await SqlAdapter(trx).createUser(data);
            await trx.insertInto("sesame_accounts").values(accountRow(created.id, account)).execute();
            return { user: created, created: true };
          }),
        () => adapter.getUserByAccount(account),
      ),
    async createSession(s) {
      await db
        .insertInto("sesame_sessions")
        .values({
          id: s.id,
          secret_hash: s.secretHash,
          user_id: s.userId,
          expires_at: s.expires.getTime(),
          created_at: s.createdAt.getTime(),
          last_seen_at: s.lastSeenAt.getTime(),
          ip: s.ip,
          user_agent: s.userAgent,
          data: JSON.stringify(s.data),
        })
        .execute();
    },
    async getSessionAndUser(id) {
      const row = await db
        .selectFrom("sesame_sessions")
        .innerJoin("sesame_users", "sesame_users.id", "sesame_sessions.user_id")
        .select([
          "sesame_sessions.id",
          "sesame_sessions.secret_hash",
          "sesame_sessions.user_id",
          "sesame_sessions.expires_at",
          "sesame_sessions.created_at",
          "sesame_sessions.last_seen_at",
          "sesame_sessions.ip",
          "sesame_sessions.user_agent",
          "sesame_sessions.data",
          "sesame_users.name",
          "sesame_users.email",
          "sesame_users.email_verified",
          "sesame_users.image",
        ])
        .where("sesame_sessions.id", "=", id)
        .executeTakeFirst();
      if (!row) return null;
      return {
        session: session(row),
        user: user({ id: row.user_id, name: row.name, email: row.email, email_verified: row.email_verified, image: row.image, created_at: 0 }),
      };
    },
    async updateSession(id, changes) {
      const values: Partial<SessionsTable> = {};
      if (changes.expires) values.expires_at = changes.expires.getTime();
      if (changes.lastSeenAt) values.last_seen_at = changes.lastSeenAt.getTime();
      if (changes.data) values.data = JSON.stringify(changes.data);
      if (Object.keys(values).length) await db.updateTable("sesame_sessions").set(values).where("id", "=", id).execute();
    },
    async deleteSession(id) {
      await db.deleteFrom("sesame_sessions").where("id", "=", id).execute();
    },
    async listSessions(userId) {
      const rows = await db
        .selectFrom("sesame_sessions")
        .selectAll()
        .where("user_id", "=", userId)
        .where("expires_at", ">", Date.now())
        .orderBy("created_at", "desc")
        .execute();
      return rows.map(session);
    },
    async deleteSessions(userId, { except } = {}) {
      let query = db.deleteFrom("sesame_sessions").where("user_id", "=", userId);
      if (except) query = query.where("id", "!=", except);
      const [result] = await query.execute();
      return Number(result?.numDeletedRows ?? 0);
    },
    async createVerificationToken(token) {
      await db
        .insertInto("sesame_verification_tokens")
        .values({ identifier: token.identifier, token_hash: token.tokenHash, expires_at: token.expires.getTime() })
        .execute();
    },
    async useVerificationToken({ identifier, tokenHash }) {
      // Read and delete in one transaction: of two concurrent uses, one gets the token, the other nothing.
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom("sesame_verification_tokens")
          .selectAll()
          .where("identifier", "=", identifier)
          .where("token_hash", "=", tokenHash)
          .executeTakeFirst();
        if (!row) return null;
        const [deleted] = await trx.deleteFrom("sesame_verification_tokens").where("identifier", "=", identifier).where("token_hash", "=", tokenHash).execute();
        if (Number(deleted?.numDeletedRows ?? 0) === 0) return null;
        return { identifier: row.identifier, tokenHash: row.token_hash, expires: new Date(Number(row.expires_at)) };
      });
    },
    async getPasswordHash(userId) {
      const row = await db.selectFrom("sesame_passwords").select("hash").where("user_id", "=", userId).executeTakeFirst();
      return row?.hash ?? null;
    },
    async setPasswordHash(userId, hash) {
      await db.transaction().execute(async (trx) => {
        const [updated] = await trx.updateTable("sesame_passwords").set({ hash, updated_at: Date.now() }).where("user_id", "=", userId).execute();
        if (Number(updated?.numUpdatedRows ?? 0) === 0) await trx.insertInto("sesame_passwords").values({ user_id: userId, hash, updated_at: Date.now() }).execute();
      });
    },
    createUserWithPassword: (data, hash) =>
      firstSignIn(
        () =>
          db.transaction().execute(async (trx) => {
            const created = await SqlAdapter(trx).createUser(data);
            await trx.insertInto("sesame_passwords").values({ user_id: created.id, hash, updated_at: Date.now() }).execute();
            return { user: created, created: true };
          }),
        // The email's unique key refused the user: the one who took the address first.
        () => (data.email ? adapter.getUserByEmail(data.email) : Promise.resolve(null)),
      ),
    async createAccountToken(token) {
      // The identifier's expired tokens go first (by the primary key's prefix): an identifier asked for often
      // (a passkey sign-in's options, on every visit of the sign-in page) keeps only the rows still alive.
      await db.deleteFrom("sesame_account_tokens").where("identifier", "=", token.identifier).where("expires_at", "<", Date.now()).execute();
      await db
        .insertInto("sesame_account_tokens")
        .values({ identifier: token.identifier, token_hash: token.tokenHash, payload: token.payload, expires_at: token.expires.getTime() })
        .execute();
    },
    async useAccountToken({ identifier, tokenHash }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom("sesame_account_tokens").selectAll().where("identifier", "=", identifier).where("token_hash", "=", tokenHash).executeTakeFirst();
        if (!row) return null;
        const [deleted] = await trx.deleteFrom("sesame_account_tokens").where("identifier", "=", identifier).where("token_hash", "=", tokenHash).execute();
        if (Number(deleted?.numDeletedRows ?? 0) === 0) return null;
        return { identifier: row.identifier, tokenHash: row.token_hash, payload: row.payload, expires: new Date(Number(row.expires_at)) };
      });
    },
    async createFactors(factors, replace) {
      await db.transaction().execute(async (trx) => {
        if (replace) await trx.deleteFrom("sesame_factors").where("user_id", "=", replace.userId).where("kind", "in", replace.kinds).execute();
        if (factors.length) await trx.insertInto("sesame_factors").values(factors.map(factorRow)).execute();
      });
    },
    async getFactor(id) {
      const row = await db.selectFrom("sesame_factors").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? factorOf(row) : null;
    },
    async listFactors(userId) {
      const rows = await db.selectFrom("sesame_factors").selectAll().where("user_id", "=", userId).orderBy("created_at").orderBy("id").execute();
      return rows.map(factorOf);
    },
    async updateFactor({ id, userId }, changes, expectedData) {
      const values: Partial<FactorsTable> = {};
      if (changes.name !== undefined) values.name = changes.name;
      if (changes.data !== undefined) values.data = changes.data;
      if (changes.lastUsedAt !== undefined) values.last_used_at = toMs(changes.lastUsedAt);
      if (Object.keys(values).length === 0) {
        // No SET without columns: an empty change only says whether the factor is there (and matches).
        let found = db.selectFrom("sesame_factors").select("id").where("id", "=", id).where("user_id", "=", userId);
        if (expectedData !== undefined) found = found.where("data", "=", expectedData);
        return (await found.executeTakeFirst()) !== undefined;
      }
      let query = db.updateTable("sesame_factors").set(values).where("id", "=", id).where("user_id", "=", userId);
      if (expectedData !== undefined) query = query.where("data", "=", expectedData);
      const [result] = await query.execute();
      return Number(result?.numUpdatedRows ?? 0) > 0;
    },
    async deleteFactors(userId, which) {
      if ("ids" in which ? which.ids.length === 0 : which.kinds.length === 0) return 0;
      let query = db.deleteFrom("sesame_factors").where("user_id", "=", userId);
      query = "ids" in which ? query.where("id", "in", which.ids) : query.where("kind", "in", which.kinds);
      const [result] = await query.execute();
      return Number(result?.numDeletedRows ?? 0);
    },
  };
  return adapter;
}

function factorRow(factor: AdapterFactor): FactorsTable {
  return {
    id: factor.id,
    user_id: factor.userId,
    kind: factor.kind,
    name: factor.name,
    data: factor.data,
    created_at: factor.createdAt.getTime(),
    last_used_at: toMs(factor.lastUsedAt),
    expires_at: toMs(factor.expires),
  };
}

function factorOf(row: FactorsTable): AdapterFactor {
  const date = (value: number | string | null) => (value === null ? null : new Date(Number(value)));
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind as FactorKind,
    name: row.name,
    data: row.data,
    createdAt: new Date(Number(row.created_at)),
    lastUsedAt: date(row.last_used_at),
    expires: date(row.expires_at),
  };
}

function accountRow(userId: string, account: Omit<AdapterAccount, "userId">) {
  return {
    user_id: userId,
    type: account.type,
    provider: account.provider,
    provider_account_id: account.providerAccountId,
    access_token: account.access_token ?? null,
    refresh_token: account.refresh_token ?? null,
    expires_at: account.expires_at ?? null,
    id_token: account.id_token ?? null,
    scope: account.scope ?? null,
    token_type: account.token_type ?? null,
  };
}
