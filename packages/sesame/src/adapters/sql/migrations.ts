/**
 * Versioned schema migrations, run by Kysely's migrator: each applied once, recorded in
 * `sesame_migrations`, under a lock so that two servers starting together do not both run them.
 * Migrations are append-only: a released one is never edited, a change is a new one. (MySQL support came
 * later and went into the released ones through `ddl`: on SQLite and PostgreSQL they run the SQL they always did.)
 */
import { Migrator, sql, type CreateTableBuilder, type Kysely, type Migration, type MigrationResultSet } from "kysely";
import { isMysql } from "./dialect.js";

/**
 * Where MySQL needs DDL of its own; SQLite and PostgreSQL get what they always had.
 * - `text`: MySQL's holds 64 KB, `longtext` has no practical bound, as the others' `text` has none.
 * - `createTable`: utf8mb4 with a binary collation, so that ids, hashes, provider account ids and emails
 *   compare byte for byte, as on the other databases (MySQL's default collations ignore case, and a server
 *   may still default to latin1).
 * - `userId`: the column referencing `sesame_users`. MySQL before 9.0 ignores REFERENCES on a column, so
 *   there it is a table constraint.
 */
async function ddl(db: Kysely<unknown>) {
  const mysql = isMysql(db);
  const collation = mysql ? await binaryCollation(db) : undefined;
  return {
    text: mysql ? sql`longtext` : ("text" as const),
    createTable: (name: string) => (collation ? db.schema.createTable(name).modifyEnd(sql`default character set utf8mb4 collate ${sql.raw(collation)}`) : db.schema.createTable(name)),
    userId:
      (constraint: string) =>
      <TB extends string, C extends string>(table: CreateTableBuilder<TB, C>) =>
        mysql
          ? table
              .addColumn("user_id", "varchar(255)", (c) => c.notNull())
              .addForeignKeyConstraint(constraint, ["user_id"], "sesame_users", ["id"], (fk) => fk.onDelete("cascade"))
          : table.addColumn("user_id", "varchar(255)", (c) => c.notNull().references("sesame_users.id").onDelete("cascade")),
  };
}

/**
 * The binary collation of the MySQL server: one without padding where it has one (MySQL 8's
 * `utf8mb4_0900_bin`, MariaDB's `utf8mb4_nopad_bin`), so that "a" and "a " differ as they do elsewhere;
 * else `utf8mb4_bin`, which ignores trailing spaces in comparisons.
 */
async function binaryCollation(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT collation_name AS name FROM information_schema.collations WHERE collation_name IN ('utf8mb4_0900_bin', 'utf8mb4_nopad_bin')`.execute(db);
  return rows[0]?.name ?? "utf8mb4_bin";
}

const migrations: Record<string, Migration> = {
  "0001_initial": {
    async up(db: Kysely<unknown>) {
      const { text, createTable, userId } = await ddl(db);
      await createTable("sesame_users")
        .addColumn("id", "varchar(255)", (c) => c.primaryKey())
        .addColumn("name", text)
        .addColumn("email", "varchar(255)", (c) => c.unique())
        .addColumn("email_verified", "bigint")
        .addColumn("image", text)
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await createTable("sesame_accounts")
        .$call(userId("sesame_accounts_user_id_fk"))
        .addColumn("type", "varchar(32)", (c) => c.notNull())
        .addColumn("provider", "varchar(255)", (c) => c.notNull())
        .addColumn("provider_account_id", "varchar(255)", (c) => c.notNull())
        .addColumn("access_token", text)
        .addColumn("refresh_token", text)
        .addColumn("expires_at", "bigint")
        .addColumn("id_token", text)
        .addColumn("scope", text)
        .addColumn("token_type", "varchar(64)")
        .addPrimaryKeyConstraint("sesame_accounts_pk", ["provider", "provider_account_id"])
        .execute();
      await db.schema.createIndex("sesame_accounts_user_id").on("sesame_accounts").column("user_id").execute();
      await createTable("sesame_sessions")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("secret_hash", "varchar(64)", (c) => c.notNull())
        .$call(userId("sesame_sessions_user_id_fk"))
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_seen_at", "bigint", (c) => c.notNull())
        .addColumn("ip", "varchar(64)")
        .addColumn("user_agent", text)
        .addColumn("data", text, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sesame_sessions_user_id").on("sesame_sessions").column("user_id").execute();
      await createTable("sesame_verification_tokens")
        .addColumn("identifier", "varchar(255)", (c) => c.notNull())
        .addColumn("token_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("sesame_verification_tokens_pk", ["identifier", "token_hash"])
        .execute();
    },
  },
  "0002_rate_limits": {
    async up(db: Kysely<unknown>) {
      const { createTable } = await ddl(db);
      await createTable("sesame_rate_limits")
        .addColumn("key", "varchar(255)", (c) => c.primaryKey())
        .addColumn("count", "integer", (c) => c.notNull())
        .addColumn("reset_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  "0003_token_refreshes": {
    async up(db: Kysely<unknown>) {
      const { text, createTable } = await ddl(db);
      await createTable("sesame_token_refreshes")
        .addColumn("key", "varchar(64)", (c) => c.primaryKey())
        .addColumn("sealed", text)
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  "0004_upstream_tokens": {
    async up(db: Kysely<unknown>) {
      const { text, createTable } = await ddl(db);
      await createTable("sesame_upstream_tokens")
        .addColumn("session_id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("user_id", "varchar(255)")
        .addColumn("sealed", text, (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sesame_upstream_tokens_user_id").on("sesame_upstream_tokens").column("user_id").execute();
    },
  },
  "0005_password_accounts": {
    async up(db: Kysely<unknown>) {
      const { text, createTable, userId } = await ddl(db);
      await createTable("sesame_passwords")
        .$call(userId("sesame_passwords_user_id_fk"))
        .addColumn("hash", "varchar(255)", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("sesame_passwords_pk", ["user_id"])
        .execute();
      // 320: an identifier is a purpose and an email address (at most 254 characters).
      await createTable("sesame_account_tokens")
        .addColumn("identifier", "varchar(320)", (c) => c.notNull())
        .addColumn("token_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("payload", text, (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("sesame_account_tokens_pk", ["identifier", "token_hash"])
        .execute();
    },
  },
  "0006_factors": {
    async up(db: Kysely<unknown>) {
      const { text, createTable, userId } = await ddl(db);
      // `id` is Sesame's: a random id or a SHA-256 (64 characters), never a secret.
      await createTable("sesame_factors")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .$call(userId("sesame_factors_user_id_fk"))
        .addColumn("kind", "varchar(16)", (c) => c.notNull())
        .addColumn("name", "varchar(255)")
        .addColumn("data", text, (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_used_at", "bigint")
        .addColumn("expires_at", "bigint")
        .execute();
      await db.schema.createIndex("sesame_factors_user_id").on("sesame_factors").columns(["user_id", "kind"]).execute();
    },
  },
};

/**
 * PostgreSQL runs each migration in a transaction (Kysely's migrator does, where DDL is transactional), but
 * MySQL commits every CREATE as it runs: a migration failing halfway would leave its first tables behind,
 * and every later attempt would fail on them. Sesame's migrations only create tables (and indexes on
 * them), so on MySQL one that fails drops the tables it created, and can run again once the cause is fixed.
 */
function droppingWhatFailed(migration: Migration): Migration {
  // Sesame's tables only: an app creating its own at the same time keeps them.
  const sesameTables = async (db: Kysely<unknown>) => {
    const { rows } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`.execute(db);
    return rows.map((row) => row.name).filter((name) => name.startsWith("sesame_"));
  };
  return {
    async up(db) {
      const before = new Set(await sesameTables(db));
      try {
        await migration.up(db);
      } catch (error) {
        try {
          const created = (await sesameTables(db)).filter((name) => !before.has(name));
          // Foreign key checks off, as the tables created reference each other. The migrator holds one
          // connection throughout, so the setting reaches this session only, and is back on before it goes on.
          if (created.length) {
            await sql`SET FOREIGN_KEY_CHECKS = 0`.execute(db);
            try {
              await sql`DROP TABLE ${sql.join(created.map((name) => sql.table(name)))}`.execute(db);
            } finally {
              await sql`SET FOREIGN_KEY_CHECKS = 1`.execute(db);
            }
          }
        } catch {
          // The migration's own error says what went wrong; a cleanup that failed too leaves the tables as
          // they would be without one.
        }
        throw error;
      }
    },
  };
}

/**
 * Options of `migrate` and `sesameMigrator`.
 *
 * @example
 * ```ts
 * await migrate(db, { schema: "auth" });
 * ```
 */
export interface MigrateOptions {
  /**
   * PostgreSQL schema of the migration bookkeeping tables, when the app's tables live in a schema other
   * than `public` (through `search_path`). Default: the database's default.
   */
  schema?: string;
}

/** `migrations` as they run on `db`: on MySQL, each cleaning up after itself when it fails (see above). */
function forDatabase(db: Kysely<unknown>, chosen: Record<string, Migration>): Record<string, Migration> {
  return isMysql(db) ? Object.fromEntries(Object.entries(chosen).map(([name, m]) => [name, droppingWhatFailed(m)])) : chosen;
}

/**
 * The migrations of Sesame's own store tables (rate limits, refresh claims, upstream tokens), which hold
 * nothing an Auth.js database has: what `adoptAuthjs` creates beside Auth.js's tables.
 *
 * @example
 * ```ts
 * Object.keys(storeMigrations(db)); // ["0002_rate_limits", "0003_token_refreshes", "0004_upstream_tokens"]
 * ```
 */
export function storeMigrations(db: Kysely<unknown>): Record<string, Migration> {
  // Not the users' tables, nor the password accounts' or factors' (whose rows reference Sesame's users table).
  const { "0001_initial": _users, "0005_password_accounts": _passwords, "0006_factors": _factors, ...stores } = migrations;
  return forDatabase(db, stores);
}

/**
 * The migrator for Sesame's tables, on any Kysely instance (bookkeeping in `sesame_migrations`): for
 * running Sesame's migrations beside the app's own, or migrating down.
 *
 * @example
 * ```ts
 * import { sesameMigrator } from "sesame-auth/adapters/sql";
 * const { error, results } = await sesameMigrator(db).migrateToLatest();
 * ```
 */
export function sesameMigrator<DB>(db: Kysely<DB>, { schema }: MigrateOptions = {}): Migrator {
  return new Migrator({
    ...(schema && { migrationTableSchema: schema }),
    // Migrations see the database as it was when they were written, not as the app's types describe it.
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => forDatabase(db as unknown as Kysely<unknown>, migrations) },
    migrationTableName: "sesame_migrations",
    migrationLockTableName: "sesame_migrations_lock",
  });
}

/**
 * Brings the schema up to date. Safe to call on every start: applied migrations are skipped.
 *
 * @example
 * ```ts
 * await migrate(db);
 * ```
 */
export async function migrate<DB>(db: Kysely<DB>, options: MigrateOptions = {}): Promise<MigrationResultSet> {
  const result = await sesameMigrator(db, options).migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
