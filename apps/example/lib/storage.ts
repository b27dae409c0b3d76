/**
 * Where the example keeps users and sessions: a SQLite file by default (`.data/sesame.db`), PostgreSQL when
 * `DATABASE_URL` is a postgres:// URL, and with `REDIS_URL` the sessions, rate limits and refresh
 * coordination in Redis. Opened once per process: Next.js loads this module in several bundles (proxy,
 * pages, route handlers) and they must share one connection pool.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Kysely } from "kysely";
import type { Adapter, RateLimitStore, RefreshCoordinator } from "sesame-auth";
import { postgres } from "sesame-auth/adapters/postgres";
import { RedisRateLimitStore, RedisRefreshCoordinator, withRedisSessions } from "sesame-auth/adapters/redis";
import { SqlAdapter, SqlRateLimitStore, SqlRefreshCoordinator, type SesameDatabase } from "sesame-auth/adapters/sql";
import { sqlite } from "sesame-auth/adapters/sqlite";

export interface Storage {
  /** What is in use, for the home page: "SQLite (.data/sesame.db)", "PostgreSQL + Redis", … */
  label: string;
  db: Kysely<SesameDatabase>;
  /** The PostgreSQL schema the tables live in (`DATABASE_SCHEMA`), if not the default. */
  schema?: string;
  adapter: Adapter;
  rateLimitStore: RateLimitStore;
  refreshCoordinator: RefreshCoordinator;
}

export const DEFAULT_SQLITE_FILE = ".data/sesame.db";

export function openStorage(env: Record<string, string | undefined>): Storage {
  const url = env.DATABASE_URL ?? "";
  const isPostgres = /^postgres(ql)?:\/\//.test(url);
  const schema = isPostgres ? env.DATABASE_SCHEMA : undefined;
  let db: Kysely<SesameDatabase>;
  let label: string;
  if (isPostgres) {
    db = postgres({ connectionString: url, ...(schema && { options: `-c search_path=${schema}` }) });
    label = "PostgreSQL";
  } else {
    // A file the user names at run time: nothing for the bundler to trace.
    const file = resolve(/*turbopackIgnore: true*/ url.replace(/^(sqlite|file):/, "") || DEFAULT_SQLITE_FILE);
    mkdirSync(dirname(file), { recursive: true });
    db = sqlite(file);
    label = `SQLite (${url || DEFAULT_SQLITE_FILE})`;
  }
  const redis = env.REDIS_URL;
  if (!redis) {
    return { label, db, schema, adapter: SqlAdapter(db), rateLimitStore: SqlRateLimitStore(db), refreshCoordinator: SqlRefreshCoordinator(db) };
  }
  const options = { url: redis, prefix: env.REDIS_PREFIX };
  return {
    label: `${label} + Redis`,
    db,
    schema,
    adapter: withRedisSessions(SqlAdapter(db), options),
    rateLimitStore: RedisRateLimitStore(options),
    refreshCoordinator: RedisRefreshCoordinator(options),
  };
}

const shared = globalThis as { sesameExampleStorage?: Storage };

export function storage(): Storage {
  return (shared.sesameExampleStorage ??= openStorage(process.env));
}
