import { MemoryAdapter } from "../../src/adapters/memory.js";
import { withRedisSessions } from "../../src/adapters/redis.node.js";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { adapterConformance } from "./conformance.js";
import { postgresDatabase, sqliteDatabase } from "../support/databases.js";
adapterConformance("memory", async () => ({ adapter: MemoryAdapter(), close: async () => { } }));
adapterConformance("SQLite", async () => {
    const { db, drop } = await sqliteDatabase();
    return { adapter: SqlAdapter(db), close: drop };
});
adapterConformance("PostgreSQL", async () => {
    const { db, drop } = await postgresDatabase();
    return { adapter: SqlAdapter(db), close: drop };
});
adapterConformance("SQLite with sessions in Redis", async () => {
    const { db, drop } = await sqliteDatabase();
    return { adapter: withRedisSessions(SqlAdapter(db), { prefix: `test:${crypto.randomUUID()}:` }), close: drop };
});
