/** The `sesame-auth` command, run as a user runs it: `sesame-auth migrate` against SQLite and PostgreSQL. */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { expect, test } from "vitest";
import { POSTGRES_URL } from "../support/databases.js";

const run = promisify(execFile);
const bin = fileURLToPath(new URL("../../bin/sesame.js", import.meta.url));
const sesame = (...args: string[]) => run(process.execPath, [bin, ...args]);

test("sesame-auth migrate on a SQLite file applies the migrations once", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "sesame-cli-")), "auth.db");
  expect((await sesame("migrate", "--database", `sqlite:${file}`)).stdout).toBe("Applied: 0001_initial, 0002_rate_limits, 0003_token_refreshes, 0004_upstream_tokens\n");
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
    expect(outputs).toEqual(["Applied: 0001_initial, 0002_rate_limits, 0003_token_refreshes, 0004_upstream_tokens\n", "The database is up to date.\n"]);
    const tables = await admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema]);
    expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual([
      "sesame_accounts",
      "sesame_migrations",
      "sesame_migrations_lock",
      "sesame_rate_limits",
      "sesame_sessions",
      "sesame_token_refreshes",
      "sesame_upstream_tokens",
      "sesame_users",
      "sesame_verification_tokens",
    ]);
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});

test("an unsupported URL is a clear error and exit code 1", async () => {
  await expect(sesame("migrate", "--database", "mysql://x")).rejects.toMatchObject({
    code: 1,
    stderr: 'sesame-auth migrate: Unsupported database URL "mysql://x": use postgres://… or sqlite:./path.db\n',
  });
});
