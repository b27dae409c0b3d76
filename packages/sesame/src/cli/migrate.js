/** `sesame-auth migrate`: opens the database named by a URL and applies Sesame's pending migrations. */
import { postgres } from "../adapters/postgres.node.js";
import { migrate } from "../adapters/sql/migrations.js";
import { sqlite } from "../adapters/sqlite.node.js";
/** Applies pending migrations; returns the names of those it applied. */
export async function migrateDatabase(url, schema) {
    const db = /^postgres(ql)?:\/\//.test(url)
        ? postgres({ connectionString: url })
        : url.startsWith("sqlite:")
            ? sqlite(url.slice("sqlite:".length))
            : undefined;
    if (!db)
        throw new Error(`Unsupported database URL "${url}": use postgres://… or sqlite:./path.db`);
    try {
        const { results = [] } = await migrate(db, { schema });
        return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
    }
    finally {
        await db.destroy();
    }
}
