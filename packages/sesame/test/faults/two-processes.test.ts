/**
 * Two app processes behind one store: what one process does (sign-out, revocation, counting a failed
 * sign-in, refreshing a rotating refresh token) holds in the other at once. Two real Node processes
 * (app-server.ts) serve Sesame over HTTP with the same secret; they share a fresh PostgreSQL schema
 * (database sessions) and Redis under a fresh key prefix (rate limits, refresh coordination, JWT
 * revocation). The sample backend runs here, so its counters show every refresh and every reuse.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startBackend, type Backend } from "../../../../examples/backend/backend.js";
import { POSTGRES_URL } from "../support/databases.js";
import { SECRET } from "../support/helpers.js";
import { freshSchema, HttpBrowser, sleep, startApp, timed, type AppProcess } from "../support/harness.js";

let backend: Backend;
let schema: Awaited<ReturnType<typeof freshSchema>>;
let a: AppProcess;
let b: AppProcess;

// Access tokens live 3 s (due 1 s before they expire); every refresh takes 300 ms at the backend.
const ACCESS_TTL = 3;
const REFRESH_DELAY = 300;

beforeAll(async () => {
  backend = await startBackend({ accessTtl: ACCESS_TTL, refreshDelay: REFRESH_DELAY });
  schema = await freshSchema();
  const env = {
    SESAME_SECRET: SECRET,
    SESAME_PG_URL: POSTGRES_URL,
    SESAME_PG_SCHEMA: schema.schema,
    SESAME_REDIS_PREFIX: `t:faults:${crypto.randomUUID()}:`,
    SESAME_BACKEND_URL: backend.url,
  };
  [a, b] = await Promise.all([startApp(env), startApp(env)]);
}, 45_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await schema?.drop();
  await backend?.close();
});

const auth = (app: AppProcess, kind: "db" | "jwt") => `${app.base}/${kind}/api/auth`;

async function signIn(browser: HttpBrowser, app: AppProcess, kind: "db" | "jwt", username = "alice") {
  const response = await browser.post(auth(app, kind), "/callback/credentials", { username, password: username === "alice" ? "wonderland" : "builder" });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe(`${app.base}/`);
  expect(browser.jar.has("sesame.session-token")).toBe(true);
}

test("the two processes are distinct Node processes", () => {
  expect(a.pid).not.toBe(b.pid);
  expect(a.base).not.toBe(b.base);
});

describe.each(["db", "jwt"] as const)("revocation across processes (%s sessions)", (kind) => {
  test("signed in on A, the cookie works on B; signed out on B, the same cookie is refused on A at once", async () => {
    const browser = new HttpBrowser();
    await signIn(browser, a, kind);
    expect(await browser.session(auth(b, kind))).toMatchObject({ user: { name: "Alice Example" } });
    expect(await browser.session(auth(a, kind))).toMatchObject({ user: { name: "Alice Example" } });

    const stolen = browser.jar.get("sesame.session-token")!;
    const signOut = await browser.post(auth(b, kind), "/signout", { callbackUrl: "/" });
    expect(signOut.status).toBe(302);
    expect(browser.jar.has("sesame.session-token")).toBe(false);

    // A copy of the cookie taken before sign-out, replayed on the other process right away.
    const replay = await fetch(`${auth(a, kind)}/session`, { headers: { cookie: `sesame.session-token=${stolen}` } });
    expect(await replay.json()).toBeNull();
    const token = await fetch(`${a.base}/${kind}/token`, { headers: { cookie: `sesame.session-token=${stolen}` } });
    expect(await token.json()).toEqual({ accessToken: null, error: null });
  });
});

test("device management: a device signed in on A is signed out from a device on B, and A refuses it at once", async () => {
  const laptop = new HttpBrowser();
  const phone = new HttpBrowser();
  await signIn(laptop, a, "db", "bob");
  await signIn(phone, b, "db", "bob");
  const { sessions } = (await (await phone.fetch(`${auth(b, "db")}/sessions`)).json()) as { sessions: Array<{ id: string; current: boolean }> };
  expect(sessions).toHaveLength(2);
  const laptopSession = sessions.find((s) => !s.current)!;

  const revoke = await phone.post(auth(b, "db"), "/sessions/revoke", { id: laptopSession.id }, { accept: "application/json" });
  expect(await revoke.json()).toEqual({ revoked: true });
  expect(await laptop.session(auth(a, "db"))).toBeNull();
  expect(await phone.session(auth(a, "db"))).toMatchObject({ user: { name: "Bob Example" } });
});

test("rate limit: failed sign-ins alternating between A and B count together; the 6th is 429 on either", async () => {
  const attacker = new HttpBrowser();
  const username = `carol-${crypto.randomUUID()}`; // unknown to the backend: every attempt fails
  const attempt = (app: AppProcess) =>
    attacker.post(auth(app, "db"), "/callback/credentials", { username, password: "guess", json: "true" });
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await attempt(i % 2 ? b : a)).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401]);

  const sixthOnB = await attempt(b);
  expect(sixthOnB.status).toBe(429);
  expect(await sixthOnB.json()).toMatchObject({ error: "RateLimited" });
  expect(Number(sixthOnB.headers.get("retry-after"))).toBeGreaterThan(0);
  const seventhOnA = await attempt(a);
  expect(seventhOnA.status).toBe(429);
  // The per-identifier limit is the identifier's, not the browser's: a fresh browser on A is refused too.
  const other = new HttpBrowser();
  const fresh = await other.post(auth(a, "db"), "/callback/credentials", { username, password: "guess", json: "true" });
  expect(fresh.status).toBe(429);
});

describe.each(["db", "jwt"] as const)("refresh coordination across processes (%s sessions)", (kind) => {
  test("20 concurrent token requests split across A and B at expiry: the backend sees 1 refresh, 0 reuse; all get the same new token", async () => {
    const browser = new HttpBrowser();
    await signIn(browser, a, kind);
    const first = (await (await browser.fetch(`${a.base}/${kind}/token`)).json()) as { accessToken: string };
    expect(first.accessToken).toMatch(/^ey/);
    const cookie = `sesame.session-token=${browser.jar.get("sesame.session-token")}`;

    // Wait until the access token is due (1 s before its 3 s expiry), then everyone asks at once. Time is the
    // subject, and it passes in two other processes and the backend: their clocks are real, so this sleeps.
    await sleep((ACCESS_TTL - 1) * 1000 + 200);
    const { refreshes, reuseDetections } = backend.stats;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        timed(async () => {
          const response = await fetch(`${(i % 2 ? b : a).base}/${kind}/token`, { headers: { cookie } });
          return { pid: response.headers.get("x-pid"), ...((await response.json()) as { accessToken: string | null; error: string | null }) };
        }),
      ),
    );
    expect(backend.stats.refreshes - refreshes).toBe(1);
    expect(backend.stats.reuseDetections - reuseDetections).toBe(0);
    expect(new Set(results.map((r) => r.value.pid)).size).toBe(2);
    expect(results.every((r) => r.value.error === null && r.value.accessToken)).toBe(true);
    const tokens = new Set(results.map((r) => r.value.accessToken));
    expect(tokens.size).toBe(1);
    expect([...tokens][0]).not.toBe(first.accessToken);
    // Nobody waited much longer than the one refresh did (timeout is 5 s).
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(REFRESH_DELAY + 2_500);
    const me = await fetch(`${backend.url}/me`, { headers: { authorization: `Bearer ${[...tokens][0]}` } });
    expect(me.status).toBe(200);
  });
});

test("neither process logged an unexpected error", () => {
  expect(a.stderr()).toBe("");
  expect(b.stderr()).toBe("");
});
