/** The `sesame-auth` command: `sesame-auth secret` prints a new secret; `sesame-auth migrate` brings the database schema up to date. */
import { randomBytes } from "node:crypto";

const USAGE = `Usage: sesame-auth <command>

Commands:
  secret                      Print a new random secret to put in AUTH_SECRET (.env.local)
  migrate [--database URL] [--schema NAME] [--adopt-authjs PRESET]
                              Create or update Sesame's tables. URL: postgres://…, mysql://…,
                              mariadb://… or sqlite:./path.db (default: DATABASE_URL, else
                              sqlite:./sesame.db); NAME: a PostgreSQL schema other than public, as set
                              by the URL's search_path. --adopt-authjs: the database is an Auth.js
                              app's, made by PRESET (pg-adapter, kysely, drizzle, prisma): add only
                              what SqlAdapter(db, { authjs: PRESET }) needs beside its tables`;

const [command, ...args] = process.argv.slice(2);
try {
  switch (command) {
    case "secret":
      // 32 random bytes: 256 bits, 43 base64url characters, well above the 32-character minimum.
      console.log(randomBytes(32).toString("base64url"));
      break;
    case "migrate": {
      const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
      const url = option("--database") ?? process.env.DATABASE_URL ?? "sqlite:./sesame.db";
      // Loaded here, not at the top: its database drivers are optional, and `secret` needs none of them.
      const { migrateDatabase } = await import("./migrate.js");
      const applied = await migrateDatabase(url, option("--schema"), option("--adopt-authjs"));
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
      break;
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      break;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      process.exitCode = 2;
  }
} catch (error) {
  console.error(`sesame-auth ${command}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
