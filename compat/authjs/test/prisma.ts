/**
 * Prisma for the @auth/prisma-adapter tests, from the npm registry alone: Prisma 7's engine-free client
 * (`engineType = "client"`, a query compiler in WebAssembly, with the `pg` / better-sqlite3 driver adapters).
 * Its CLI would download a schema engine for `migrate`; it is only asked to `generate` (told where an engine
 * "is", so it does not fetch one), and the tables come from the DDL Prisma would write (prisma/<db>/schema.sql).
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type PrismaDialect = "postgresql" | "sqlite";

/** The generated client's constructor, as far as the tests use it. */
export type PrismaClientConstructor = new (options: { adapter: unknown }) => { $disconnect(): Promise<void> };

const require = createRequire(import.meta.url);
const prismaDir = fileURLToPath(new URL("../prisma/", import.meta.url));
const generated = new Map<PrismaDialect, PrismaClientConstructor>();

/** The DDL of the Auth.js Prisma schema for `dialect`, as `prisma migrate` would run it. */
export function prismaDdl(dialect: PrismaDialect): string {
  return readFileSync(join(prismaDir, dialect, "schema.sql"), "utf8");
}

/** The client generated from the Auth.js Prisma schema, once per test process and dialect. */
export function prismaClient(dialect: PrismaDialect): PrismaClientConstructor {
  const known = generated.get(dialect);
  if (known) return known;
  // Per process: test files run in parallel workers, and must not generate into one another's folder.
  const dir = fileURLToPath(new URL(`../.generated/${process.pid}-${dialect}/`, import.meta.url));
  mkdirSync(dir, { recursive: true });
  cpSync(join(prismaDir, dialect, "schema.prisma"), join(dir, "schema.prisma"));
  const cli = join(dirname(require.resolve("prisma/package.json")), "build", "index.js");
  execFileSync(process.execPath, [cli, "generate", "--schema", join(dir, "schema.prisma")], {
    env: { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: "pipe",
  });
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const { PrismaClient } = require(join(dir, "generated", "client")) as { PrismaClient: PrismaClientConstructor };
  generated.set(dialect, PrismaClient);
  return PrismaClient;
}
