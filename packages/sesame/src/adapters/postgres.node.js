/**
 * `sesame-auth/adapters/postgres`: a PostgreSQL connection pool (node-postgres) ready for the SQL adapter, with
 * time-outs, so that a database that stops answering fails requests quickly instead of hanging them.
 *
 * @example
 * ```ts
 * import { postgres } from "sesame-auth/adapters/postgres";
 * import { SqlAdapter, migrate } from "sesame-auth/adapters/sql";
 *
 * const db = postgres({ connectionString: process.env.DATABASE_URL });
 * await migrate(db);
 * ```
 */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
/**
 * A PostgreSQL pool as a Kysely instance for `SqlAdapter`, with time-outs so a database that stops
 * answering fails requests quickly; connection errors never crash the process.
 *
 * @example
 * ```ts
 * import { postgres } from "sesame-auth/adapters/postgres";
 * import { SqlAdapter, migrate } from "sesame-auth/adapters/sql";
 * const db = postgres({ connectionString: process.env.DATABASE_URL });
 * await migrate(db);
 * export const config = { adapter: SqlAdapter(db), providers: [GitHub()] };
 * ```
 */
export function postgres(options = {}) {
    const pool = new pg.Pool({ connectionTimeoutMillis: 5_000, statement_timeout: 5_000, query_timeout: 10_000, ...options });
    // An idle client losing its connection (the server restarted) must not crash the process.
    pool.on("error", () => { });
    // Nor may one that is checked out: node-postgres emits its connection's loss as an `error` event even while
    // a query runs (the query fails as well), and the pool listens only to idle clients.
    pool.on("connect", (client) => client.on("error", () => { }));
    return new Kysely({ dialect: new PostgresDialect({ pool }) });
}
