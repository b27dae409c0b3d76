/**
 * `mysql()` on the real MariaDB: its time-outs, connections lost without crashing the process, and the
 * migrations where DDL is not transactional. (What every SQL database does the same: `conformance.test.ts`
 * and the stores' tests, which run on MariaDB too.)
 */
import { once } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { sql } from "kysely";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { mysql } from "../../src/adapters/mysql.node.js";
import { migrate } from "../../src/adapters/sql.js";
import { MARIADB_URL, MIGRATED_TABLES, mariadbAdmin, mariadbDatabase, type TestDatabase } from "../support/databases.js";

const connectionId = async (db: TestDatabase["db"]) => Number((await sql<{ id: number }>`SELECT CONNECTION_ID() AS id`.execute(db)).rows[0]!.id);
const kill = (id: number) => mariadbAdmin(sql`KILL ${sql.raw(String(id))}`);

const opened: TestDatabase[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.drop();
});

async function database(options?: { migrated?: boolean }) {
  const database = await mariadbDatabase(options);
  opened.push(database);
  return database;
}

describe("mysql(): time-outs", () => {
  let silent: Server | undefined;
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    silent?.close();
  });

  test("nothing listening: the query fails with the driver's error, at once", async () => {
    const db = mysql({ uri: "mysql://root@127.0.0.1:1/test" });
    await expect(sql`SELECT 1`.execute(db)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await db.destroy();
  });

  test("a server that accepts connections and never answers: the connect time-out fails the query", async () => {
    silent = createServer((socket) => void sockets.push(socket));
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    const db = mysql({ host: "127.0.0.1", port: (silent.address() as { port: number }).port, connectTimeout: 300 });
    const started = Date.now();
    await expect(sql`SELECT 1`.execute(db)).rejects.toMatchObject({ code: "ETIMEDOUT" });
    expect(Date.now() - started).toBeLessThan(2_000);
    await db.destroy();
  });

  test("a query past queryTimeout fails in time, and its connection is closed, not handed to the next query", async () => {
    // One connection at most: were the timed-out one reused, the next query would wait behind SLEEP(2).
    const db = mysql({ uri: MARIADB_URL, connectionLimit: 1, queryTimeout: 300 });
    try {
      const before = await connectionId(db);
      const started = Date.now();
      await expect(sql`SELECT SLEEP(2)`.execute(db)).rejects.toMatchObject({ code: "PROTOCOL_SEQUENCE_TIMEOUT" });
      expect(Date.now() - started).toBeLessThan(1_500);
      const next = Date.now();
      expect(await connectionId(db)).not.toBe(before);
      expect(Date.now() - next).toBeLessThan(1_000);
    } finally {
      await db.destroy();
    }
  });
});

describe("mysql(): connections the server ends", () => {
  test("idle ones: the process goes on, and the next queries connect again", async () => {
    const { db } = await database();
    // Three connections into the pool, then ended by the server while idle.
    const ids = await Promise.all([0, 1, 2].map(() => sql<{ id: number }>`SELECT CONNECTION_ID() AS id, SLEEP(0.1)`.execute(db)));
    for (const { rows } of ids) await kill(Number(rows[0]!.id));
    // However many queries meet a dead connection before the pool drops it, they fail cleanly, and then it serves again.
    for (let attempt = 0; ; attempt++) {
      const results = await Promise.allSettled([0, 1, 2].map(() => db.selectFrom("sesame_users").select("id").execute()));
      if (results.every((r) => r.status === "fulfilled")) break;
      expect(attempt).toBeLessThan(5);
    }
  });

  test("one running a query: that query fails, the process goes on, the next one succeeds", async () => {
    const { db } = await database();
    const id = await connectionId(db);
    // Its failure is taken up at once: it may come while the test is still awaiting the kill, and a rejection
    // nobody handles yet is reported as unhandled.
    const running = sql`SELECT SLEEP(5)`.execute(db).then(
      () => new Error("the query was expected to fail"),
      (error: unknown) => error,
    );
    // The sleep runs on the only idle connection, the one whose id was just read.
    await expect.poll(async () => (await mariadbAdmin(sql`SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ${id} AND INFO LIKE 'SELECT SLEEP%'`)).length).toBe(1);
    await kill(id);
    const failure = await running;
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).not.toBe("the query was expected to fail");
    expect(await db.selectFrom("sesame_users").select("id").execute()).toEqual([]);
  });
});

describe("migrations on MariaDB, where each CREATE commits at once", () => {
  test("one that fails halfway drops the tables it created, and runs whole once the cause is gone", async () => {
    const { db } = await database({ migrated: false });
    // A table of the app's in the way of 0001_initial's third table.
    await sql`CREATE TABLE sesame_sessions (x int)`.execute(db);
    await expect(migrate(db)).rejects.toThrow(/sesame_sessions/);
    const tables = async () => (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1`.execute(db)).rows.map((r) => r.name);
    expect(await tables()).toEqual(["sesame_migrations", "sesame_migrations_lock", "sesame_sessions"]);

    await sql`DROP TABLE sesame_sessions`.execute(db);
    const { results = [] } = await migrate(db);
    expect(results.map((r) => `${r.migrationName} ${r.status}`)).toEqual(["0001_initial Success", "0002_rate_limits Success", "0003_token_refreshes Success", "0004_upstream_tokens Success", "0005_password_accounts Success", "0006_factors Success"]);
    expect((await tables()).sort()).toEqual(MIGRATED_TABLES);
  });

  test("the tables compare text byte for byte, in utf8mb4, and keep more than 64 KB", async () => {
    const { db } = await database();
    const { rows } = await sql<{ name: string; collation: string }>`SELECT table_name AS name, table_collation AS collation FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name NOT LIKE 'sesame_migrations%'`.execute(db);
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row, row.name).toMatchObject({ collation: "utf8mb4_nopad_bin" });
    const name = "Zoë 🐈";
    await db.insertInto("sesame_users").values({ id: "u", name, email: null, email_verified: null, image: null, created_at: Date.now() }).execute();
    await db.insertInto("sesame_sessions").values({ id: "s", secret_hash: "h", user_id: "u", expires_at: 1, created_at: 1, last_seen_at: 1, ip: null, user_agent: null, data: "x".repeat(70_000) }).execute();
    expect(await db.selectFrom("sesame_users").select("name").where("id", "=", "u").executeTakeFirst()).toEqual({ name });
    expect((await db.selectFrom("sesame_sessions").select("data").executeTakeFirstOrThrow()).data).toHaveLength(70_000);
  });
});
