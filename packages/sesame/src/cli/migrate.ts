/**
 * `sesame-auth migrate`: opens the database named by a URL and applies Sesame's pending migrations. The
 * database drivers are optional peer dependencies: only the one the URL names is loaded, so an app on
 * PostgreSQL or MySQL needs no SQLite driver (and `sesame-auth secret` needs none).
 */
import type { Kysely } from "kysely";
import type { SesameDatabase } from "../adapters/sql/schema.js";

/**
 * Applies pending migrations; returns the names of those it applied. With `adoptAuthjs` (a preset name), the
 * database is an Auth.js app's: only what `SqlAdapter(db, { authjs })` needs is added beside its tables.
 */
export async function migrateDatabase(url: string, schema?: string, adoptAuthjs?: string): Promise<string[]> {
  const db = await open(url);
  try {
    const { results = [] } = adoptAuthjs ? await adopt(db, adoptAuthjs, schema) : await (await withDrivers("kysely", () => import("../adapters/sql/migrations.js"))).migrate(db, { schema });
    return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}

async function adopt(db: Kysely<SesameDatabase>, preset: string, schema?: string) {
  const [{ adoptAuthjs }, { AUTHJS_SCHEMAS }] = await withDrivers("kysely", () => Promise.all([import("../adapters/sql/adopt-authjs.js"), import("../adapters/sql/authjs-schema.js")]));
  if (!Object.hasOwn(AUTHJS_SCHEMAS, preset)) {
    throw new Error(`--adopt-authjs takes the Auth.js adapter whose tables the database has: ${Object.keys(AUTHJS_SCHEMAS).join(", ")}; got "${preset}". Other table names: call adoptAuthjs(db, { tables, … }) from code.`);
  }
  return adoptAuthjs(db, preset as keyof typeof AUTHJS_SCHEMAS, { schema });
}

async function open(url: string): Promise<Kysely<SesameDatabase>> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { postgres } = await withDrivers("kysely pg", () => import("../adapters/postgres.node.js"));
    return postgres({ connectionString: url });
  }
  if (/^(mysql|mariadb):\/\//.test(url)) {
    const { mysql } = await withDrivers("kysely mysql2", () => import("../adapters/mysql.node.js"));
    return mysql({ uri: url });
  }
  if (url.startsWith("sqlite:")) {
    const { sqlite } = await withDrivers("kysely better-sqlite3", () => import("../adapters/sqlite.node.js"));
    return sqlite(url.slice("sqlite:".length));
  }
  throw new Error(`Unsupported database URL "${url}": use postgres://…, mysql://… (or mariadb://…) or sqlite:./path.db`);
}

/** Loads an adapter; a driver the app has not installed becomes the command that installs it. */
async function withDrivers<T>(packages: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const names = packages.split(" ");
    const missing = (error as { code?: unknown }).code === "ERR_MODULE_NOT_FOUND" && names.some((name) => String((error as Error).message).includes(`'${name}'`));
    if (!missing) throw error;
    throw new Error(`this database needs the packages ${names.join(", ")}: npm install ${packages}`, { cause: error });
  }
}
