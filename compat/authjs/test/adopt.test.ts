/**
 * `adoptAuthjs` on a database that does not fit what Sesame needs: the duplicates Auth.js's pg schema lets
 * in (two users with one email, an account linked twice) stop it with the database's own error, nothing is
 * picked or deleted for the person who must sort them out, and once they have, it completes.
 */
import { Kysely, PostgresDialect } from "kysely";
import { expect, test } from "vitest";
import { adoptAuthjs, type SesameDatabase } from "../../../packages/sesame/src/adapters/sql.js";
import { PG_ADAPTER_SCHEMA, postgresSchema } from "./setups.js";

test.each([
  { what: "two users with one email", duplicate: `INSERT INTO users (email) VALUES ('twin@example.com'), ('twin@example.com')`, fix: `DELETE FROM users WHERE id = 2` },
  {
    what: "an account linked twice",
    duplicate: `INSERT INTO accounts ("userId", type, provider, "providerAccountId") VALUES (1, 'oauth', 'github', '42'), (2, 'oauth', 'github', '42')`,
    fix: `DELETE FROM accounts WHERE "userId" = 2`,
  },
])("adopting a pg-adapter database with $what: refused, nothing deleted; done once fixed", async ({ duplicate, fix }) => {
  const { pool, drop } = await postgresSchema(`${PG_ADAPTER_SCHEMA} ${duplicate};`);
  const db = new Kysely<SesameDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    const count = async () => Number((await pool.query("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM accounts) AS n")).rows[0].n);
    const before = await count();
    await expect(adoptAuthjs(db, "pg-adapter")).rejects.toThrow(/could not create unique index/);
    expect(await count()).toBe(before);
    await pool.query(fix);
    const { results = [] } = await adoptAuthjs(db, "pg-adapter");
    expect(results.every((r) => r.status === "Success")).toBe(true);
    expect((await adoptAuthjs(db, "pg-adapter")).results).toEqual([]);
  } finally {
    await drop();
  }
});
