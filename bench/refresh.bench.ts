// Refresh-storm benchmark: N concurrent requests carrying one expired session against a rotating backend, for Sesame and for @auth/core 0.41 with the seed articles' hand-written refresh.
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { Auth as authjsAuth, type AuthConfig } from "@auth/core";
import AuthjsCredentials from "@auth/core/providers/credentials";
import { decodeJwt } from "jose";
import { Auth, getAccessToken, type SesameConfig } from "sesame-auth";
import Credentials from "sesame-auth/providers/credentials";
import { startBackend, type Backend } from "../examples/backend/backend.js";

// The typing Auth.js asks apps to add for backend tokens kept in its session token.
declare module "@auth/core/types" {
  interface User {
    access?: string;
    refresh?: string;
  }
  interface Session {
    error?: "RefreshTokenError";
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    access?: string;
    refresh?: string;
    expires_at?: number;
    error?: "RefreshTokenError";
  }
}

const SECRET = "bench-secret-do-not-use-0123456789abcdefghij";
const ORIGIN = "http://localhost:3000";
const STORM_SIZES = [10, 100] as const;
const ACCESS_TTL_S = 2;
// Past the access token's `exp` (whole seconds, so at most ACCESS_TTL_S after sign-in) with a margin.
const EXPIRY_WAIT_MS = 2_500;
// Long enough that the N requests of a storm are all in flight before the first refresh answers, as in production.
const REFRESH_DELAY_MS = 20;

interface BackendTokens {
  access: string;
  refresh: string;
}

let backend: Backend;

/** POSTs JSON to the backend; `null` when it refuses. */
async function backendPost(path: "/login" | "/refresh", body: Record<string, unknown>): Promise<BackendTokens | null> {
  const response = await fetch(`${backend.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.ok ? ((await response.json()) as BackendTokens) : null;
}

const sesameConfig: SesameConfig = {
  secret: SECRET,
  trustHost: true,
  rateLimit: false,
  // The default 60 s buffer would treat a 2-second token as due at sign-in; 0 refreshes at `exp`, as the Auth.js code does.
  tokens: { refreshBuffer: 0 },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      authorize: async ({ username, password }) => {
        const tokens = await backendPost("/login", { username, password });
        if (!tokens) return null;
        return { id: "1", name: "Alice", email: "alice@example.com", tokens };
      },
      tokens: {
        refresh: async ({ refreshToken }) => {
          const tokens = await backendPost("/refresh", { refresh: refreshToken });
          if (!tokens) throw new Error("the backend refused the refresh token");
          return tokens;
        },
      },
    }),
  ],
};

// As in the seed articles and Auth.js's refresh-token-rotation guide: the app refreshes in its own jwt callback.
const authjsConfig: AuthConfig = {
  secret: SECRET,
  trustHost: true,
  basePath: "/api/auth",
  providers: [
    AuthjsCredentials({
      credentials: { username: {}, password: {} },
      authorize: async ({ username, password }) => {
        const tokens = await backendPost("/login", { username, password });
        if (!tokens) return null;
        return { id: "1", name: "Alice", email: "alice@example.com", access: tokens.access, refresh: tokens.refresh };
      },
    }),
  ],
  callbacks: {
    jwt: async ({ token, user, trigger }) => {
      if (trigger === "signIn" && user.access) {
        return { ...token, access: user.access, refresh: user.refresh, expires_at: decodeJwt(user.access).exp };
      }
      if (token.expires_at !== undefined && Date.now() < token.expires_at * 1000) return token;
      const tokens = token.refresh ? await backendPost("/refresh", { refresh: token.refresh }) : null;
      if (!tokens) return { ...token, error: "RefreshTokenError" };
      return { ...token, access: tokens.access, refresh: tokens.refresh, expires_at: decodeJwt(tokens.access).exp };
    },
    session: ({ session, token }) => ({ ...session, ...(token.error && { error: token.error }) }),
  },
};

type Handler = (request: Request) => Promise<Response>;

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((header) => header.split(";")[0] ?? "");
}

/** Signs Alice in through the library's HTTP API, as a browser would; returns the session's `Cookie` header. */
async function signIn(handler: Handler, cookiePrefix: "sesame" | "authjs"): Promise<string> {
  const csrfResponse = await handler(new Request(`${ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await handler(
    new Request(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiePairs(csrfResponse).join("; ") },
      body: new URLSearchParams({ csrfToken, username: "alice", password: "wonderland" }),
    }),
  );
  // Prefix match: a large session token is split into `.0`, `.1`… cookies.
  const session = cookiePairs(response).filter((pair) => pair.startsWith(`${cookiePrefix}.session-token`));
  if (response.status !== 302 || session.length === 0) {
    throw new Error(`${cookiePrefix} sign-in failed: ${response.status} ${response.headers.getSetCookie().join(" | ")}`);
  }
  return session.join("; ");
}

/** What one request of a storm ended with: "ok", or why it failed. */
type Outcome = string;

interface Contender {
  library: "Sesame" | "@auth/core 0.41";
  /** The entry point the storm goes through. */
  via: string;
  /** What one request does, and when it counts as a success. */
  how: string;
  handler: Handler;
  cookiePrefix: "sesame" | "authjs";
  request: (cookie: string) => Promise<Outcome>;
}

async function sessionOutcome(response: Response): Promise<Outcome> {
  if (response.status !== 200) return `HTTP ${response.status}`;
  const session = (await response.json()) as { error?: string } | null;
  if (!session) return "no session";
  return session.error ?? "ok";
}

const sesameHandler: Handler = (request) => Auth(request, sesameConfig);
const authjsHandler: Handler = (request) => authjsAuth(request, authjsConfig);
const sessionRequest = (cookie: string) => new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie } });

const contenders: Contender[] = [
  {
    library: "Sesame",
    via: "getAccessToken",
    how: "`getAccessToken(request, config)`; success = a non-null access token that has not expired, no `error`",
    handler: sesameHandler,
    cookiePrefix: "sesame",
    request: async (cookie) => {
      const { accessToken, error } = await getAccessToken(new Request(`${ORIGIN}/dashboard`, { headers: { cookie } }), sesameConfig);
      if (error) return error;
      if (!accessToken) return "no access token";
      // A stale token handed back would fail at the backend: not a success.
      return (decodeJwt(accessToken).exp ?? 0) * 1000 > Date.now() ? "ok" : "expired access token";
    },
  },
  {
    library: "Sesame",
    via: "GET /api/auth/session",
    how: "`Auth()` on GET /api/auth/session; success = 200 and a session without `error`",
    handler: sesameHandler,
    cookiePrefix: "sesame",
    request: async (cookie) => sessionOutcome(await sesameHandler(sessionRequest(cookie))),
  },
  {
    library: "@auth/core 0.41",
    via: "GET /api/auth/session",
    how: "`Auth()` on GET /api/auth/session, refresh in the `jwt` callback; success = 200 and a session without `error`",
    handler: authjsHandler,
    cookiePrefix: "authjs",
    request: async (cookie) => sessionOutcome(await authjsHandler(sessionRequest(cookie))),
  },
];

interface Row {
  contender: Contender;
  n: number;
  refreshes: number;
  reuseDetections: number;
  failures: Map<string, number>;
  failed: number;
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh sign-in (its own token family), let the access token expire, then N requests at once with that one cookie. */
async function storm(contender: Contender, n: number): Promise<Row> {
  const cookie = await signIn(contender.handler, contender.cookiePrefix);
  await sleep(EXPIRY_WAIT_MS);
  const before = { ...backend.stats };
  const start = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: n }, () => contender.request(cookie).catch((error: unknown) => `threw: ${error instanceof Error ? error.message : String(error)}`)),
  );
  const ms = performance.now() - start;
  const failures = new Map<string, number>();
  for (const outcome of outcomes) if (outcome !== "ok") failures.set(outcome, (failures.get(outcome) ?? 0) + 1);
  return {
    contender,
    n,
    refreshes: backend.stats.refreshes - before.refreshes,
    reuseDetections: backend.stats.reuseDetections - before.reuseDetections,
    failures,
    failed: outcomes.length - outcomes.filter((o) => o === "ok").length,
    ms,
  };
}

async function main() {
  const started = performance.now();
  backend = await startBackend({ accessTtl: ACCESS_TTL_S, refreshDelay: REFRESH_DELAY_MS });
  const rows: Row[] = [];
  try {
    for (const contender of contenders) for (const n of STORM_SIZES) rows.push(await storm(contender, n));
  } finally {
    await backend.close();
  }

  const label = (row: Row) => `${row.contender.library}, ${row.contender.via}`;
  const kinds = (row: Row) => [...row.failures].map(([kind, count]) => `${kind} × ${count}`).join(", ") || "—";
  const table = [
    "| library | N | upstream refresh calls | reuse detections | failed requests | failures by kind | storm wall time |",
    "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
    ...rows.map(
      (r) => `| ${label(r)} | ${r.n} | ${r.refreshes} | ${r.reuseDetections} | ${r.failed} / ${r.n} | ${kinds(r)} | ${r.ms.toFixed(0)} ms |`,
    ),
  ].join("\n");

  const sesameRows = rows.filter((r) => r.contender.library === "Sesame");
  const met = sesameRows.every((r) => r.refreshes === 1 && r.failed === 0);
  const figures = sesameRows.map((r) => `${label(r)} N=${r.n}: ${r.refreshes} call(s), ${r.failed} failure(s)`).join("; ");
  const targets = `- Sesame: 1 call and 0 failures for every N: ${figures} — ${met ? "met" : "NOT met"}`;

  const cpu = cpus();
  const context = [
    `Node ${process.version} on ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}; ${new Date().toISOString()}.`,
    `Backend: examples/backend (HS256 access and refresh JWTs, refresh tokens rotated on every use; a rotated-out one presented again is a reuse detection that revokes the family), ` +
      `access tokens living ${ACCESS_TTL_S} s, each /refresh answered after ${REFRESH_DELAY_MS} ms. ` +
      `Each row: a fresh credentials sign-in through the library's HTTP API (GET /csrf, POST /callback/credentials), ${EXPIRY_WAIT_MS} ms of waiting so that the access token has expired, ` +
      "then N concurrent requests all carrying that same sign-in cookie, counted on the backend. Sesame runs with `tokens: { refreshBuffer: 0 }` and no `jwt` callback.",
  ].join("\n");
  const methods = contenders.map((c) => `- ${c.library}, ${c.via}: ${c.how}.`).join("\n");

  const report = `# Refresh-storm benchmark\n\n${context}\n\n${methods}\n\n${table}\n\nTargets:\n\n${targets}\n`;
  console.log(`\n${report}\nTotal run: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const results = new URL("./results/", import.meta.url);
  await mkdir(results, { recursive: true });
  await writeFile(new URL("refresh.md", results), report);
}

await main();
