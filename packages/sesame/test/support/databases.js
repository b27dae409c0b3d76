/**
 * Real databases for the tests: a fresh SQLite file, or a fresh schema in the PostgreSQL at 127.0.0.1:5432
 * (database `test`). A server that is not there fails the tests loudly; nothing is skipped.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { postgres } from "../../src/adapters/postgres.node.js";
import { migrate } from "../../src/adapters/sql.js";
import { sqlite } from "../../src/adapters/sqlite.node.js";
export const POSTGRES_URL = process.env.SESAME_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export async function sqliteDatabase() {
    const dir = mkdtempSync(join(tmpdir(), "sesame-sqlite-"));
    const db = sqlite(join(dir, "auth.db"));
    await migrate(db);
    return {
        db,
        async drop() {
            await db.destroy();
            rmSync(dir, { recursive: true, force: true });
        },
    };
}
export async function postgresDatabase() {
    const schema = `sesame_test_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    try {
        await admin.connect();
    }
    catch (cause) {
        throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}; start it (see .ci/run).`, { cause });
    }
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = postgres({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}`, max: 10 });
    await migrate(db, { schema });
    return {
        db,
        async drop() {
            await db.destroy();
            const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
            await cleanup.connect();
            await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
            await cleanup.end();
        },
    };
}
