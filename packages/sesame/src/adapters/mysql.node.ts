/**
 * `sesame-auth/adapters/mysql`: a MySQL or MariaDB connection pool (mysql2) ready for the SQL adapter, with
 * time-outs, so that a database that stops answering fails requests quickly instead of hanging them.
 *
 * @example
 * ```ts
 * import { mysql } from "sesame-auth/adapters/mysql";
 * import { SqlAdapter, migrate } from "sesame-auth/adapters/sql";
 *
 * const db = mysql({ uri: process.env.DATABASE_URL });
 * await migrate(db);
 * ```
 */
import { Kysely, MysqlDialect, type MysqlPool, type MysqlPoolConnection } from "kysely";
import mysql2 from "mysql2";
import type { SesameDatabase } from "./sql/schema.js";

/**
 * Options of `mysql`: mysql2's pool options (`uri` for a `mysql://` URL), with Sesame's time-out defaults
 * (5 s to connect, 10 s per query).
 *
 * @example
 * ```ts
 * mysql({ uri: process.env.DATABASE_URL, connectionLimit: 20, queryTimeout: 2_000 })
 * ```
 */
export interface MysqlOptions extends mysql2.PoolOptions {
  /** Milliseconds to wait for a connection. Default: 5 000. */
  connectTimeout?: number;
  /**
   * Milliseconds after which a query fails, and its connection is closed rather than reused; 0 for no limit.
   * Default: 10 000.
   */
  queryTimeout?: number;
}

/**
 * A MySQL or MariaDB pool as a Kysely instance for `SqlAdapter`, with time-outs so a database that stops
 * answering fails requests quickly; connection errors never crash the process.
 *
 * @example
 * ```ts
 * import { mysql } from "sesame-auth/adapters/mysql";
 * import { SqlAdapter, migrate } from "sesame-auth/adapters/sql";
 * const db = mysql({ uri: process.env.DATABASE_URL });
 * await migrate(db);
 * export const config = { adapter: SqlAdapter(db), providers: [GitHub()] };
 * ```
 */
export function mysql({ queryTimeout = 10_000, ...options }: MysqlOptions = {}): Kysely<SesameDatabase> {
  const pool = mysql2.createPool({ connectTimeout: 5_000, ...options });
  // mysql2's pool listens to a connection's `error` once, to drop it from the pool; a later `error` on that
  // connection would find no listener, and an `error` event without one ends the process. The queries that
  // were running fail through their own callbacks either way.
  pool.on("connection", (connection) => connection.on("error", () => {}));
  return new Kysely<SesameDatabase>({ dialect: new MysqlDialect({ pool: limitingQueries(pool, queryTimeout) }) });
}

/**
 * mysql2 limits a query's time only when asked per query, and Kysely asks for none: the pool given to Kysely
 * hands out connections whose queries carry the limit. A query that ran out of time may still run on the
 * server, and its connection would start the next query only after it: that connection is closed, not
 * returned to the pool. Streams get no limit, as their length is the caller's to decide.
 */
function limitingQueries(pool: mysql2.Pool, timeout: number): MysqlPool {
  const limited = new WeakMap<mysql2.PoolConnection, MysqlPoolConnection>();
  const limit = (connection: mysql2.PoolConnection): MysqlPoolConnection => ({
    query: ((sql: string, values: unknown[], callback?: (error: unknown, result: unknown) => void) => {
      if (!callback) return connection.query(sql, values);
      connection.query({ sql, values, timeout }, (error, result) => {
        if (error?.code === "PROTOCOL_SEQUENCE_TIMEOUT") connection.destroy();
        callback(error, result);
      });
    }) as MysqlPoolConnection["query"],
    release: () => connection.release(),
  });
  return {
    getConnection(callback) {
      pool.getConnection((error, connection) => {
        if (error) return callback(error, connection);
        let wrapped = limited.get(connection);
        if (!wrapped) limited.set(connection, (wrapped = limit(connection)));
        callback(null, wrapped);
      });
    },
    end: (callback) => pool.end(callback),
  };
}
