/**
 * better-auth for the HTTP benchmark, as its Next.js guide sets it up: email and password, sessions in the
 * database (SQLite, the same driver and settings as Sesame's database mode) checked on every request.
 */
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { BENCH_SECRET } from "../shared/credentials";
import { databaseFile, openSqlite } from "../shared/sqlite";

export function authOptions(): BetterAuthOptions {
  return {
    secret: BENCH_SECRET,
    baseURL: process.env.BENCH_URL,
    database: { db: openSqlite(databaseFile()), type: "sqlite" },
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  };
}

let instance: ReturnType<typeof betterAuth> | undefined;
/** Built on first request, not at import: `next build` imports this module without a database. */
export const getAuth = () => (instance ??= betterAuth(authOptions()));
