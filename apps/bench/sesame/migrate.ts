// Creates Sesame's tables in the benchmark's database; the runner calls it before `next start`.
import { migrate, type SesameDatabase } from "sesame-auth/adapters/sql";
import { databaseFile, openSqlite } from "../shared/sqlite";

const db = openSqlite<SesameDatabase>(databaseFile());
await migrate(db);
await db.destroy();
