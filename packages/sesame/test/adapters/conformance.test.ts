import { MemoryAdapter } from "../../src/adapters/memory.js";
import { withRedisSessions } from "../../src/adapters/redis.node.js";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { adapterConformance } from "./conformance.js";
import { sqlDatabases, sqliteDatabase } from "../support/databases.js";

adapterConformance("memory", async () => ({ adapter: MemoryAdapter(), close: async () => {} }));

for (const [name, open] of sqlDatabases) {
  adapterConformance(name, async () => {
    const { db, drop } = await open();
    return { adapter: SqlAdapter(db), close: drop };
  });
}

adapterConformance("SQLite with sessions in Redis", async () => {
  const { db, drop } = await sqliteDatabase();
  return { adapter: withRedisSessions(SqlAdapter(db), { prefix: `test:${crypto.randomUUID()}:` }), close: drop };
});
