/** The `sesame-auth` command, run as a user runs it: `sesame-auth migrate` against SQLite, PostgreSQL and MariaDB. */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { expect, test } from "vitest";
import { MARIADB_URL, MIGRATED_TABLES, mariadbAdmin, POSTGRES_URL } from "../support/databases.js";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../bin/sesame.js", import.meta.url));
const sesame = (...args: string[]) => run(process.execPath, [bin, ...args]);

const APPLIED = "Applied: 0001_initial, 0002_rate_limits, 0003_token_refreshes, 0004_upstream_tokens\n";

test("sesame-auth migrate on a SQLite file applies the migrations once", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "sesame-cli-")), "auth.db");
  expect((await sesame("migrate", "--database", `sqlite:${file}`)).stdout).toBe(APPLIED);
  expect((await sesame("migrate", "--database", `sqlite:${file}`)).stdout).toBe("The database is up to date.\n");
});

test("sesame-auth migrate on PostgreSQL, twice at the same time: applied once, both succeed", async () => {
  const schema = `sesame_cli_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const url = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const migrateOnce = () => sesame("migrate", "--database", url, "--schema", schema);
    const outputs = (await Promise.all([migrateOnce(), migrateOnce()])).map((r) => r.stdout).sort();
    expect(outputs).toEqual([APPLIED, "The database is up to date.\n"]);
    const tables = await admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
    expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual(MIGRATED_TABLES);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});

test("sesame-auth migrate on MariaDB, twice at the same time (a mysql:// and a mariadb:// URL): applied once, both succeed", async () => {
  const database = `sesame_cli_${crypto.randomUUID().replaceAll("-", "")}`;
  await mariadbAdmin(sql`CREATE DATABASE ${sql.id(database)}`);
  try {
    const migrateAt = (protocol: string) => {
      const url = new URL(MARIADB_URL);
      url.protocol = protocol;
      url.pathname = `/${database}`;
      return sesame("migrate", "--database", url.href);
    };
    const outputs = (await Promise.all([migrateAt("mysql:"), migrateAt("mariadb:")])).map((r) => r.stdout).sort();
    expect(outputs).toEqual([APPLIED, "The database is up to date.\n"]);
    const tables = await mariadbAdmin(sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${database} ORDER BY 1`);
    expect(tables.map((r) => r.name)).toEqual(MIGRATED_TABLES);
  } finally {
    await mariadbAdmin(sql`DROP DATABASE ${sql.id(database)}`);
  }
});

test("an unsupported URL is a clear error and exit code 1", async () => {
  await expect(sesame("migrate", "--database", "mongodb://x")).rejects.toMatchObject({
    code: 1,
    stderr: 'sesame-auth migrate: Unsupported database URL "mongodb://x": use postgres://…, mysql://… (or mariadb://…) or sqlite:./path.db\n',
  });
});
