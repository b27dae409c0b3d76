/**
 * `sesame-auth/adapters/sql`: the SQL adapter on Kysely, its schema and migrations.
 *
 * @example
 * ```ts
 * import { Kysely, PostgresDialect } from "kysely";
 * import pg from "pg";
 * import { SqlAdapter, migrate } from "sesame-auth/adapters/sql";
 *
 * const db = new Kysely<SesameDatabase>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString }) }) });
 * await migrate(db);
 * export const config = { adapter: SqlAdapter(db), providers: [...] };
 * ```
 */
export { SqlAdapter, type SqlAdapterOptions } from "./sql/adapter.js";
export { adoptAuthjs, type AdoptAuthjsOptions } from "./sql/adopt-authjs.js";
export { AUTHJS_SCHEMAS, type AuthjsIdStrategy, type AuthjsSchema, type AuthjsSchemaName, type AuthjsTimeFormat } from "./sql/authjs-schema.js";
export { migrate, sesameMigrator, type MigrateOptions } from "./sql/migrations.js";
export { SqlRateLimitStore } from "./sql/rate-limit.js";
export { SqlRefreshCoordinator } from "./sql/refresh-coordinator.js";
export { SqlTokenStore } from "./sql/token-store.js";
export type { SesameDatabase } from "./sql/schema.js";
