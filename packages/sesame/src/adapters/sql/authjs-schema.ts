/**
 * The database of a NextAuth / Auth.js app, as its SQL adapter created it: which tables, how their ids are
 * made and how times are stored. The column names are the same in every Auth.js SQL adapter (`userId`,
 * `providerAccountId`, `sessionToken`, `emailVerified`, …); the tables, ids and time types are not.
 */
import { SqliteAdapter } from "kysely";

/**
 * How a table's id is made: by the database (`SERIAL`, a column default), by Sesame (a UUID: the adapter made
 * it in the application, as Prisma's `cuid()` or drizzle's `$defaultFn`), or the table has no id column.
 */
export type AuthjsIdStrategy = "database" | "uuid" | "none";

/**
 * How times are stored: `"date"` (a `timestamp`/`timestamptz`/`datetime` column), `"iso"` (ISO 8601 text, as
 * `@auth/kysely-adapter` writes on SQLite) or `"ms"` (integer milliseconds, as drizzle's `timestamp_ms`).
 */
export type AuthjsTimeFormat = "date" | "iso" | "ms";

/**
 * What the users table's id column holds: integers (`SERIAL`), UUIDs (a `uuid` column: PostgreSQL refuses
 * other text), or any text. An id of another form names no user, and is not even sent to the database.
 */
export type AuthjsUserIdFormat = "integer" | "uuid" | "text";

/**
 * An existing Auth.js schema, for `SqlAdapter(db, { authjs })`: a preset name, or the tables written out.
 *
 * @example
 * ```ts
 * SqlAdapter(db, { authjs: "prisma" });
 * SqlAdapter(db, { authjs: { tables: { users: "app_users", accounts: "app_accounts", sessions: "app_sessions", verificationTokens: "app_tokens" }, ids: { users: "uuid", accounts: "uuid", sessions: "uuid" }, uniqueAccounts: true, uniqueEmails: true, emailRequired: false, userIdFormat: "text", updatedAt: false, time: "date" } });
 * ```
 */
export interface AuthjsSchema {
  tables: { users: string; accounts: string; sessions: string; verificationTokens: string };
  ids: { users: AuthjsIdStrategy; accounts: AuthjsIdStrategy; sessions: AuthjsIdStrategy };
  /**
   * Whether accounts have a unique key on (`provider`, `providerAccountId`). Without one, two first sign-ins
   * racing can link an account twice; `--adopt-authjs` adds it.
   */
  uniqueAccounts: boolean;
  /** Whether users have a unique key on `email`; `--adopt-authjs` adds it where not (Sesame links by proven email). */
  uniqueEmails: boolean;
  /** Whether `email` is `NOT NULL`: users without one (credentials, or an email released to its proven owner) then cannot be stored. */
  emailRequired: boolean;
  userIdFormat: AuthjsUserIdFormat;
  /**
   * Whether users, accounts and sessions have an `updatedAt` column that the application must set (Prisma's
   * `@updatedAt`: the column has no default in the database).
   */
  updatedAt: boolean;
  /** How times are stored; a function of the database when it depends on it (SQLite has no time type). */
  time: AuthjsTimeFormat | ((dialect: "sqlite" | "other") => AuthjsTimeFormat);
}

/**
 * The schemas of Auth.js's SQL adapters, as their documentation creates them.
 *
 * @example
 * ```ts
 * import { AUTHJS_SCHEMAS } from "sesame-auth/adapters/sql";
 * // Prisma's tables, renamed by @@map:
 * SqlAdapter(db, { authjs: { ...AUTHJS_SCHEMAS.prisma, tables: { users: "users", accounts: "accounts", sessions: "sessions", verificationTokens: "verification_tokens" } } });
 * ```
 */
export const AUTHJS_SCHEMAS = {
  /** `@auth/pg-adapter`: `users`, `accounts`, `sessions`, `verification_token`; `SERIAL` ids; `timestamptz`. */
  "pg-adapter": {
    tables: { users: "users", accounts: "accounts", sessions: "sessions", verificationTokens: "verification_token" },
    ids: { users: "database", accounts: "database", sessions: "database" },
    uniqueAccounts: false,
    uniqueEmails: false,
    emailRequired: false,
    userIdFormat: "integer",
    updatedAt: false,
    time: "date",
  },
  /** `@auth/kysely-adapter`: `User`, `Account`, `Session`, `VerificationToken`; UUIDs; ISO text on SQLite. */
  kysely: {
    tables: { users: "User", accounts: "Account", sessions: "Session", verificationTokens: "VerificationToken" },
    ids: { users: "uuid", accounts: "uuid", sessions: "uuid" },
    uniqueAccounts: true,
    uniqueEmails: true,
    emailRequired: true,
    userIdFormat: "uuid",
    updatedAt: false,
    time: (dialect) => (dialect === "sqlite" ? "iso" : "date"),
  },
  /** `@auth/drizzle-adapter`'s default tables: `user`, `account`, `session`, `verificationToken`; ms on SQLite. */
  drizzle: {
    tables: { users: "user", accounts: "account", sessions: "session", verificationTokens: "verificationToken" },
    ids: { users: "uuid", accounts: "none", sessions: "none" },
    uniqueAccounts: true,
    uniqueEmails: true,
    emailRequired: false,
    userIdFormat: "text",
    updatedAt: false,
    time: (dialect) => (dialect === "sqlite" ? "ms" : "date"),
  },
  /**
   * `@auth/prisma-adapter`'s documented models: `User`, `Account`, `Session`, `VerificationToken`; user ids made
   * by the client (`cuid()`), accounts keyed by provider and account id, `updatedAt` set by the client.
   */
  prisma: {
    tables: { users: "User", accounts: "Account", sessions: "Session", verificationTokens: "VerificationToken" },
    ids: { users: "uuid", accounts: "none", sessions: "none" },
    uniqueAccounts: true,
    uniqueEmails: true,
    emailRequired: true,
    userIdFormat: "text",
    updatedAt: true,
    time: (dialect) => (dialect === "sqlite" ? "ms" : "date"),
  },
} as const satisfies Record<string, AuthjsSchema>;

/** A preset's name (`AUTHJS_SCHEMAS`). */
export type AuthjsSchemaName = keyof typeof AUTHJS_SCHEMAS;

/** A schema resolved for one database: its time format decided. */
export interface ResolvedAuthjsSchema extends Omit<AuthjsSchema, "time"> {
  time: AuthjsTimeFormat;
}

/**
 * The schema for the database `db` is on: a preset looked up, its time format decided by the dialect.
 *
 * @example
 * ```ts
 * resolveAuthjsSchema("kysely", sqliteDb).time; // "iso"
 * ```
 */
export function resolveAuthjsSchema(schema: AuthjsSchemaName | AuthjsSchema, db: { getExecutor(): { adapter: unknown } }): ResolvedAuthjsSchema {
  const chosen: AuthjsSchema = typeof schema === "string" ? AUTHJS_SCHEMAS[schema] : schema;
  if (!chosen) throw new TypeError(`Unknown Auth.js schema "${String(schema)}": one of ${Object.keys(AUTHJS_SCHEMAS).join(", ")}, or the tables written out.`);
  const dialect = db.getExecutor().adapter instanceof SqliteAdapter ? "sqlite" : "other";
  return { ...chosen, time: typeof chosen.time === "function" ? chosen.time(dialect) : chosen.time };
}

/**
 * The columns `sesame-auth migrate --adopt-authjs` adds to the sessions table: what a Sesame session keeps
 * that Auth.js's has no place for. Rows Auth.js wrote keep them empty, which is how they are told apart.
 *
 * @example
 * ```sql
 * SELECT "sessionToken" FROM sessions WHERE sesame_secret_hash IS NULL; -- sessions Auth.js started, not yet carried over
 * ```
 */
export const SESSION_COLUMNS = {
  secretHash: "sesame_secret_hash",
  createdAt: "sesame_created_at",
  lastSeenAt: "sesame_last_seen_at",
  ip: "sesame_ip",
  userAgent: "sesame_user_agent",
  data: "sesame_data",
} as const;
