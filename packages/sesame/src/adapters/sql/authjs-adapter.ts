/**
 * `SqlAdapter(db, { authjs })`: Sesame's SQL adapter over the tables an Auth.js SQL adapter created, read
 * and written in place. Users, accounts and email tokens keep Auth.js's columns; a session keeps its id in
 * `sessionToken` and what Auth.js has no column for in the `sesame_*` columns that
 * `sesame-auth migrate --adopt-authjs` adds (never touching existing rows). A row without them is a session
 * Auth.js started, found by its plain token (`getLegacySession`) and replaced on its first read.
 */
import { IdentifierNode, OperationNodeTransformer, type Generated, type Kysely, type KyselyPlugin, type Selectable, type TableNode, type Transaction, type Updateable } from "kysely";
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from "../../core/adapter.js";
import type { AccountTokenColumns, SesameDatabase } from "./schema.js";
import { firstSignIn } from "./unique-violation.js";
import { accountOf, accountTokens } from "./account-tokens.js";
import { resolveAuthjsSchema, type AuthjsSchema, type AuthjsSchemaName, type ResolvedAuthjsSchema } from "./authjs-schema.js";

type Time = Date | string | number;

interface UsersTable {
  id: Generated<string | number>;
  name: string | null;
  email: string | null;
  emailVerified: Time | null;
  image: string | null;
  updatedAt: Generated<Time>;
}

interface AccountsTable extends AccountTokenColumns {
  id: Generated<string | number>;
  updatedAt: Generated<Time>;
  userId: string | number;
  type: string;
  provider: string;
  providerAccountId: string;
}

interface SessionsTable {
  id: Generated<string | number>;
  sessionToken: string;
  userId: string | number;
  expires: Time;
  sesame_secret_hash: string | null;
  sesame_created_at: number | string | null;
  sesame_last_seen_at: number | string | null;
  sesame_ip: string | null;
  sesame_user_agent: string | null;
  sesame_data: string | null;
  updatedAt: Generated<Time>;
}

interface VerificationTokensTable {
  identifier: string;
  token: string;
  expires: Time;
}

/** The Auth.js tables under fixed names: `RenameTables` puts the schema's real names into every query. */
interface AuthjsDatabase {
  users: UsersTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  verificationTokens: VerificationTokensTable;
}

/** Rewrites the fixed table names of `AuthjsDatabase` into the schema's, wherever a query names a table. */
class RenameTables extends OperationNodeTransformer {
  constructor(private readonly names: Readonly<Record<string, string>>) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const transformed = super.transformTable(node);
    const name = this.names[transformed.table.identifier.name];
    return name ? { ...transformed, table: { ...transformed.table, identifier: IdentifierNode.create(name) } } : transformed;
  }
}

function renameTables(names: ResolvedAuthjsSchema["tables"]): KyselyPlugin {
  const transformer = new RenameTables(names);
  return {
    transformQuery: ({ node }) => transformer.transformNode(node),
    transformResult: async ({ result }) => result,
  };
}

const USER_ID_FORMATS = {
  integer: /^\d{1,18}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  text: /^[\s\S]{1,255}$/,
} as const;

/** Reading and writing times in the schema's format. */
function timeCodec(format: ResolvedAuthjsSchema["time"]) {
  return {
    write(date: Date): Time {
      return format === "date" ? date : format === "iso" ? date.toISOString() : date.getTime();
    },
    read(value: Time): Date {
      return value instanceof Date ? value : new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value);
    },
  };
}

/**
 * Sesame's `Adapter` over an existing Auth.js schema. Used through `SqlAdapter(db, { authjs })`.
 *
 * @example
 * ```ts
 * import { SqlAdapter, adoptAuthjs } from "sesame-auth/adapters/sql";
 * await adoptAuthjs(db, "prisma");
 * const adapter = SqlAdapter(db, { authjs: "prisma" }); // = AuthjsSqlAdapter(db, "prisma")
 * ```
 */
export function AuthjsSqlAdapter(kysely: Kysely<SesameDatabase>, schema: AuthjsSchemaName | AuthjsSchema): Adapter {
  const resolved = resolveAuthjsSchema(schema, kysely);
  const db = (kysely as unknown as Kysely<AuthjsDatabase>).withPlugin(renameTables(resolved.tables));
  const time = timeCodec(resolved.time);
  /** Whether `id` has the form of the table's ids: another names no user, and PostgreSQL would refuse it. */
  const validUserId = (id: string) => USER_ID_FORMATS[resolved.userIdFormat].test(id);

  const user = (row: Pick<Selectable<UsersTable>, "id" | "name" | "email" | "emailVerified" | "image">): AdapterUser => ({
    id: String(row.id),
    name: row.name,
    email: row.email,
    emailVerified: row.emailVerified === null ? null : time.read(row.emailVerified),
    image: row.image,
  });
  const session = (row: Omit<Selectable<SessionsTable>, "id" | "updatedAt">): AdapterSession => ({
    id: row.sessionToken,
    secretHash: row.sesame_secret_hash ?? "",
    userId: String(row.userId),
    expires: time.read(row.expires),
    // A session Auth.js wrote has no creation time: its last renewal (expiry minus the lifetime) is unknown
    // here too, so it counts as just renewed; it is replaced on its first read anyway.
    createdAt: new Date(Number(row.sesame_created_at ?? Date.now())),
    lastSeenAt: new Date(Number(row.sesame_last_seen_at ?? Date.now())),
    ip: row.sesame_ip,
    userAgent: row.sesame_user_agent,
    data: row.sesame_data ? (JSON.parse(row.sesame_data) as Record<string, unknown>) : {},
  });

  const withId = <Row extends object>(strategy: ResolvedAuthjsSchema["ids"]["users"], row: Row): Row & { id?: string } =>
    strategy === "uuid" ? { ...row, id: crypto.randomUUID() } : row;
  /** `updatedAt`, where the schema wants the application to set it (Prisma's `@updatedAt`). */
  const touched = (): { updatedAt?: Time } => (resolved.updatedAt ? { updatedAt: time.write(new Date()) } : {});

  async function insertUser(trx: Kysely<AuthjsDatabase> | Transaction<AuthjsDatabase>, data: Omit<AdapterUser, "id"> & { id?: string }): Promise<AdapterUser> {
    const values = { name: data.name ?? null, email: data.email ?? null, emailVerified: data.emailVerified ? time.write(data.emailVerified) : null, image: data.image ?? null, ...touched() };
    if (data.id !== undefined && (resolved.ids.users === "database" || !validUserId(data.id))) {
      throw new TypeError(`The Auth.js users table makes its own ${resolved.userIdFormat} ids: a user cannot be created under the id "${data.id}". Create the user in the database first, and return its id from \`authorize\`.`);
    }
    if (resolved.ids.users !== "database") {
      const row = { ...values, id: data.id ?? crypto.randomUUID() };
      await trx.insertInto("users").values(row).execute();
      return user(row);
    }
    // The database's id: `RETURNING` where there is one, else the driver's insert id (MySQL).
    const insert = trx.insertInto("users").values(values);
    const id = db.getExecutor().adapter.supportsReturning
      ? (await insert.returning("id").executeTakeFirstOrThrow()).id
      : String((await insert.executeTakeFirstOrThrow()).insertId);
    return user({ ...values, id });
  }

  async function findUserByAccount(trx: Kysely<AuthjsDatabase> | Transaction<AuthjsDatabase>, ref: { provider: string; providerAccountId: string }) {
    const row = await trx
      .selectFrom("accounts")
      .innerJoin("users", "users.id", "accounts.userId")
      .selectAll("users")
      .where("accounts.provider", "=", ref.provider)
      .where("accounts.providerAccountId", "=", ref.providerAccountId)
      .executeTakeFirst();
    return row ? user(row) : null;
  }

  function accountRow(userId: string, account: Omit<AdapterAccount, "userId">) {
    return withId(resolved.ids.accounts, {
      userId,
      type: account.type,
      provider: account.provider,
      providerAccountId: account.providerAccountId,
      access_token: account.access_token ?? null,
      refresh_token: account.refresh_token ?? null,
      expires_at: account.expires_at ?? null,
      id_token: account.id_token ?? null,
      scope: account.scope ?? null,
      token_type: account.token_type ?? null,
      ...touched(),
    });
  }

  const sessionColumns = [
    "sessions.sessionToken",
    "sessions.userId",
    "sessions.expires",
    "sessions.sesame_secret_hash",
    "sessions.sesame_created_at",
    "sessions.sesame_last_seen_at",
    "sessions.sesame_ip",
    "sessions.sesame_user_agent",
    "sessions.sesame_data",
  ] as const;

  async function sessionAndUser(token: string, sesame: boolean) {
    const row = await db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.userId")
      .select([...sessionColumns, "users.name", "users.email", "users.emailVerified", "users.image"])
      .where("sessions.sessionToken", "=", token)
      .where("sessions.sesame_secret_hash", sesame ? "is not" : "is", null)
      .executeTakeFirst();
    if (!row) return null;
    return { session: session(row), user: user({ id: row.userId, name: row.name, email: row.email, emailVerified: row.emailVerified, image: row.image }) };
  }

  const adapter: Adapter = {
    createUser: (data) => insertUser(db, data),
    async getUser(id) {
      if (!validUserId(id)) return null;
      const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return row ? user(row) : null;
    },
    async getUserByEmail(email) {
      const row = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
      return row ? user(row) : null;
    },
    getUserByAccount: (ref) => findUserByAccount(db, ref),
    async updateUser({ id, ...changes }) {
      const values: Updateable<UsersTable> = {};
      if (changes.name !== undefined) values.name = changes.name;
      if (changes.email !== undefined) values.email = changes.email;
      if (changes.image !== undefined) values.image = changes.image;
      if (changes.emailVerified !== undefined) values.emailVerified = changes.emailVerified && time.write(changes.emailVerified);
      if (Object.keys(values).length) await db.updateTable("users").set({ ...values, ...touched() }).where("id", "=", id).execute();
      const updated = await adapter.getUser(id);
      if (!updated) throw new Error(`No user with id ${id}`);
      return updated;
    },
    async deleteUser(id) {
      if (!validUserId(id)) return;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("sessions").where("userId", "=", id).execute();
        await trx.deleteFrom("accounts").where("userId", "=", id).execute();
        await trx.deleteFrom("users").where("id", "=", id).execute();
      });
    },
    async linkAccount(account) {
      await db.insertInto("accounts").values(accountRow(account.userId, account)).execute();
    },
    async getAccount({ provider, providerAccountId }) {
      const row = await db.selectFrom("accounts").selectAll().where("provider", "=", provider).where("providerAccountId", "=", providerAccountId).executeTakeFirst();
      return row ? { ...accountOf(row), userId: String(row.userId), providerAccountId: row.providerAccountId } : null;
    },
    async updateAccountTokens({ userId, provider }, tokens) {
      if (!validUserId(userId)) return;
      await db.updateTable("accounts").set({ ...accountTokens(tokens), ...touched() }).where("userId", "=", userId).where("provider", "=", provider).execute();
    },
    createUserWithAccount: (data, account) =>
      firstSignIn(
        () =>
          db.transaction().execute(async (trx) => {
            const linked = await findUserByAccount(trx, account);
            if (linked) return { user: linked, created: false };
            const created = await insertUser(trx, data);
            await trx.insertInto("accounts").values(accountRow(created.id, account)).execute();
            return { user: created, created: true };
          }),
        () => findUserByAccount(db, account),
      ),

    async createSession(s) {
      await db
        .insertInto("sessions")
        .values(
          withId(resolved.ids.sessions, {
            sessionToken: s.id,
            userId: s.userId,
            expires: time.write(s.expires),
            sesame_secret_hash: s.secretHash,
            sesame_created_at: s.createdAt.getTime(),
            sesame_last_seen_at: s.lastSeenAt.getTime(),
            sesame_ip: s.ip,
            sesame_user_agent: s.userAgent,
            sesame_data: JSON.stringify(s.data),
            ...touched(),
          }),
        )
        .execute();
    },
    getSessionAndUser: (id) => sessionAndUser(id, true),
    getLegacySession: (token) => sessionAndUser(token, false),
    async updateSession(id, changes) {
      const values: Updateable<SessionsTable> = {};
      if (changes.expires) values.expires = time.write(changes.expires);
      if (changes.lastSeenAt) values.sesame_last_seen_at = changes.lastSeenAt.getTime();
      if (changes.data) values.sesame_data = JSON.stringify(changes.data);
      if (Object.keys(values).length) await db.updateTable("sessions").set({ ...values, ...touched() }).where("sessionToken", "=", id).execute();
    },
    async deleteSession(id) {
      await db.deleteFrom("sessions").where("sessionToken", "=", id).execute();
    },
    async listSessions(userId) {
      if (!validUserId(userId)) return [];
      const rows = await db
        .selectFrom("sessions")
        .select(sessionColumns)
        .where("userId", "=", userId)
        .where("sesame_secret_hash", "is not", null)
        .where("expires", ">", time.write(new Date()))
        .orderBy("sesame_created_at", "desc")
        .execute();
      return rows.map(session);
    },
    async deleteSessions(userId, { except } = {}) {
      // Auth.js's own rows of the user go too: "sign out everywhere" means everywhere.
      if (!validUserId(userId)) return 0;
      let query = db.deleteFrom("sessions").where("userId", "=", userId);
      if (except) query = query.where("sessionToken", "!=", except);
      const [result] = await query.execute();
      return Number(result?.numDeletedRows ?? 0);
    },

    async createVerificationToken(token) {
      await db.insertInto("verificationTokens").values({ identifier: token.identifier, token: token.tokenHash, expires: time.write(token.expires) }).execute();
    },
    async useVerificationToken({ identifier, tokenHash }) {
      // Read and delete in one transaction: of two concurrent uses, one gets the token, the other nothing.
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom("verificationTokens").selectAll().where("identifier", "=", identifier).where("token", "=", tokenHash).executeTakeFirst();
        if (!row) return null;
        const [deleted] = await trx.deleteFrom("verificationTokens").where("identifier", "=", identifier).where("token", "=", tokenHash).execute();
        if (Number(deleted?.numDeletedRows ?? 0) === 0) return null;
        return { identifier: row.identifier, tokenHash: row.token, expires: time.read(row.expires) };
      });
    },
  };
  return adapter;
}
