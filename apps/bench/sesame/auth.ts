/**
 * Sesame for the HTTP benchmark. `BENCH_SESSIONS=jwt` (the default) keeps the session in an encrypted cookie;
 * `BENCH_SESSIONS=database` stores it in SQLite and checks it on every request, like better-auth.
 */
import type { SesameConfig } from "sesame-auth";
import { SqlAdapter, type SesameDatabase } from "sesame-auth/adapters/sql";
import Sesame from "sesame-auth/next";
import Credentials from "sesame-auth/providers/credentials";
import { BENCH_PASSWORD, BENCH_SECRET, BENCH_USER } from "../shared/credentials";
import { databaseFile, openSqlite } from "../shared/sqlite";

function createConfig(): SesameConfig {
  const database = process.env.BENCH_SESSIONS === "database";
  return {
    secret: BENCH_SECRET,
    trustHost: true,
    // The soak signs in thousands of sessions from one loopback address, which stands in for many users.
    rateLimit: { perIp: false },
    adapter: database ? SqlAdapter(openSqlite<SesameDatabase>(databaseFile())) : undefined,
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        authorize: ({ email, password }) => (email === BENCH_USER.email && password === BENCH_PASSWORD ? { ...BENCH_USER } : null),
      }),
    ],
  };
}

let config: SesameConfig | undefined;
export const { handlers, auth } = Sesame(() => (config ??= createConfig()));
