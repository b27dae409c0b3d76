/**
 * `sesame-auth migrate --adopt-authjs <preset>` / `adoptAuthjs(db, preset)`: prepares an Auth.js database for
 * `SqlAdapter(db, { authjs })` by adding what Sesame needs beside Auth.js's tables, and nothing else. No
 * table is created in their place, no row is rewritten: Auth.js (and its sessions) keep working on the same
 * database until the app switches, and the switch signs nobody out.
 *
 * Added: Sesame's own store tables (`sesame_rate_limits`, `sesame_token_refreshes`, `sesame_upstream_tokens`),
 * the `sesame_*` session columns (all nullable, so Auth.js's rows stay valid), an index on the
 * sessions' user (session lists, "sign out everywhere"), and where the schema lacks them (`@auth/pg-adapter`'s)
 * the unique keys on (`provider`, `providerAccountId`), which keeps two racing first sign-ins from linking an
 * account twice, and on `email`, which linking by proven email relies on.
 * Recorded in `sesame_authjs_migrations`, each step once, under a lock.
 */
import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationResultSet } from "kysely";
import { resolveAuthjsSchema, SESSION_COLUMNS, type AuthjsSchema, type AuthjsSchemaName } from "./authjs-schema.js";
import { storeMigrations } from "./migrations.js";
import type { SesameDatabase } from "./schema.js";

/**
 * The table `name` as the connection sees it: on PostgreSQL the one in the first schema of its `search_path`
 * (introspection lists every schema's), elsewhere the one of the current database.
 */
async function findTable(db: Kysely<unknown>, name: string) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const current = postgres ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema : undefined;
  const tables = await db.introspection.getTables();
  return tables.find((table) => table.name === name && (current === undefined || table.schema === current));
}

function adoptionSteps(schema: AuthjsSchemaName | AuthjsSchema, db: Kysely<unknown>): Record<string, Migration> {
  const { tables, uniqueAccounts, uniqueEmails } = resolveAuthjsSchema(schema, db);
  return {
    "0001_session_columns": {
      async up(trx: Kysely<unknown>) {
        // One column per statement: SQLite's ALTER TABLE adds one at a time. Those already there are skipped:
        // MySQL commits each ALTER as it runs, so a step that failed halfway is completed by the next run.
        const sessions = await findTable(trx, tables.sessions);
        if (!sessions) throw new Error(`No table "${tables.sessions}": is this the database of an Auth.js app with this schema?`);
        const present = new Set(sessions.columns.map((column) => column.name));
        const columns = [
          [SESSION_COLUMNS.secretHash, "varchar(64)"],
          [SESSION_COLUMNS.createdAt, "bigint"],
          [SESSION_COLUMNS.lastSeenAt, "bigint"],
          [SESSION_COLUMNS.ip, "varchar(64)"],
          [SESSION_COLUMNS.userAgent, "text"],
          [SESSION_COLUMNS.data, "text"],
        ] as const;
        for (const [name, type] of columns) if (!present.has(name)) await trx.schema.alterTable(tables.sessions).addColumn(name, type).execute();
        await trx.schema.createIndex("sesame_authjs_sessions_user").ifNotExists().on(tables.sessions).column("userId").execute();
      },
    },
    "0002_unique_keys": {
      async up(trx: Kysely<unknown>) {
        // Each fails, and says so, if the table already holds an account linked twice or two users with one
        // email: that is for a person to sort out, not for a migration to pick a winner.
        if (!uniqueAccounts) await trx.schema.createIndex("sesame_authjs_accounts_provider").ifNotExists().on(tables.accounts).columns(["provider", "providerAccountId"]).unique().execute();
        if (!uniqueEmails) await trx.schema.createIndex("sesame_authjs_users_email").ifNotExists().on(tables.users).column("email").unique().execute();
      },
    },
    // Sesame's store tables (rate limits, refresh claims, upstream tokens): nothing of Auth.js's in them.
    ...storeMigrations(db),
  };
}

/** Options of `adoptAuthjs`. */
export interface AdoptAuthjsOptions {
  /** The PostgreSQL schema the Auth.js tables are in, when not `public` (the connection's `search_path` must name it too). */
  schema?: string;
}

/**
 * Adds to an Auth.js database what `SqlAdapter(db, { authjs })` needs (see above). Safe to run at every
 * start, and on a database Auth.js still serves.
 *
 * @example
 * ```ts
 * import { SqlAdapter, adoptAuthjs } from "sesame-auth/adapters/sql";
 * import { postgres } from "sesame-auth/adapters/postgres";
 * const db = postgres({ connectionString: process.env.DATABASE_URL });
 * await adoptAuthjs(db, "pg-adapter"); // or: npx sesame-auth migrate --adopt-authjs pg-adapter
 * export const config = { adapter: SqlAdapter(db, { authjs: "pg-adapter" }), providers: [GitHub()] };
 * ```
 */
export async function adoptAuthjs(db: Kysely<SesameDatabase>, schema: AuthjsSchemaName | AuthjsSchema, options: AdoptAuthjsOptions = {}): Promise<MigrationResultSet> {
  const plain = db as unknown as Kysely<unknown>;
  const migrator = new Migrator({
    db: plain,
    provider: { getMigrations: async () => adoptionSteps(schema, plain) },
    migrationTableName: "sesame_authjs_migrations",
    migrationLockTableName: "sesame_authjs_migrations_lock",
    ...(options.schema && { migrationTableSchema: options.schema }),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
