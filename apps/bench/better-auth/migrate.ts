// Creates better-auth's tables in the benchmark's database; the runner calls it before `next start`.
import { getMigrations } from "better-auth/db/migration";
import { authOptions } from "./auth";

const { runMigrations } = await getMigrations(authOptions());
await runMigrations();
