/**
 * Versioned schema migrations, run by Kysely's migrator: each applied once, recorded in
 * `sesame_migrations`, under a lock so that two servers starting together do not both run them.
 * Migrations are append-only: a released one is never edited, a change is a new one.
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from "kysely";

const migrations: Record<string, Migration> = {
  "0001_initial": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sesame_users")
        .addColumn("id", "varchar(255)", (c) => c.primaryKey())
        .addColumn("name", "text")
        .addColumn("email", "varchar(255)", (c) => c.unique())
        .addColumn("email_verified", "bigint")
        .addColumn("image", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sesame_accounts")
        .addColumn("user_id", "varchar(255)", (c) => c.notNull().references("sesame_users.id").onDelete("cascade"))
        .addColumn("type", "varchar(32)", (c) => c.notNull())
        .addColumn("provider", "varchar(255)", (c) => c.notNull())
        .addColumn("provider_account_id", "varchar(255)", (c) => c.notNull())
        .addColumn("access_token", "text")
        .addColumn("refresh_token", "text")
        .addColumn("expires_at", "bigint")
        .addColumn("id_token", "text")
        .addColumn("scope", "text")
        .addColumn("token_type", "varchar(64)")
        .addPrimaryKeyConstraint("sesame_accounts_pk", ["provider", "provider_account_id"])
        .execute();
      await db.schema.createIndex("sesame_accounts_user_id").on("sesame_accounts").column("user_id").execute();
      await db.schema
        .createTable("sesame_sessions")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("secret_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("user_id", "varchar(255)", (c) => c.notNull().references("sesame_users.id").onDelete("cascade"))
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_seen_at", "bigint", (c) => c.notNull())
        .addColumn("ip", "varchar(64)")
        .addColumn("user_agent", "text")
        .addColumn("data", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sesame_sessions_user_id").on("sesame_sessions").column("user_id").execute();
      await db.schema
        .createTable("sesame_verification_tokens")
        .addColumn("identifier", "varchar(255)", (c) => c.notNull())
        .addColumn("token_hash", "varchar(64)", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("sesame_verification_tokens_pk", ["identifier", "token_hash"])
        .execute();
    },
  },
  "0002_rate_limits": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sesame_rate_limits")
        .addColumn("key", "varchar(255)", (c) => c.primaryKey())
        .addColumn("count", "integer", (c) => c.notNull())
        .addColumn("reset_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  "0003_token_refreshes": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sesame_token_refreshes")
        .addColumn("key", "varchar(64)", (c) => c.primaryKey())
        .addColumn("sealed", "text")
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  "0004_upstream_tokens": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("sesame_upstream_tokens")
        .addColumn("session_id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("user_id", "varchar(255)")
        .addColumn("sealed", "text", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sesame_upstream_tokens_user_id").on("sesame_upstream_tokens").column("user_id").execute();
    },
  },
};

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
    provider: { getMigrations: async () => migrations },
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
