// Session benchmark: Sesame's session read, issue and cookie size against @auth/core 0.41 and next-auth 4.24.
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { Auth as AuthjsAuth, type AuthConfig } from "@auth/core";
import { decode as authjsDecode, encode as authjsEncode } from "@auth/core/jwt";
import { decode as v4Decode, encode as v4Encode } from "next-auth/jwt";
import { Auth, getSession, MemoryTokenStore, type SesameConfig } from "sesame-auth";
import Credentials from "sesame-auth/providers/credentials";
import { encode as sesameEncode } from "sesame-auth/jwt";

const SECRET = "bench-secret-do-not-use-0123456789abcdefghij";
const AUTHJS_SALT = "authjs.session-token";
const PAGE_URL = "http://localhost:3000/dashboard";
const SESSION_ROUTE_URL = "http://localhost:3000/api/auth/session";
const COOKIE_NAMES = { sesame: "sesame.session-token", authjs: "authjs.session-token", v4: "next-auth.session-token" };
const user = {
  name: "Alice Example",
  email: "alice@example.com",
  picture: "https://example.com/alice.png",
  sub: "3f2c6b1e-9a7d-4c1e-8f0a-2b5d7e9c1a34",
};
// One config object for the whole run, as in an app: Sesame resolves it (and derives keys) once per object.
const config: SesameConfig = { secret: SECRET, trustHost: true, providers: [] };
const authjsConfig: AuthConfig = {
  secret: SECRET,
  trustHost: true,
  providers: [],
  basePath: "/api/auth",
  logger: { error: () => {}, warn: () => {}, debug: () => {} },
};

const WARMUP_OPS = 1_000;
const ROUNDS = 5;
const OPS_PER_ROUND = 4_000;
// Every warm-up and measured op of a "first-seen" benchmark takes its own token.
const POOL_SIZE = WARMUP_OPS + ROUNDS * OPS_PER_ROUND;

/** Median µs/op over ROUNDS rounds of OPS_PER_ROUND sequential awaited `op(i)`; `i` never repeats in a run. */
async function measure(op: (i: number) => Promise<unknown>): Promise<number> {
  let i = 0;
  for (; i < WARMUP_OPS; i++) await op(i);
  const perOp: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let n = 0; n < OPS_PER_ROUND; n++, i++) await op(i);
    perOp.push(((performance.now() - start) * 1000) / OPS_PER_ROUND);
  }
  perOp.sort((a, b) => a - b);
  return perOp[Math.floor(ROUNDS / 2)] ?? Number.NaN;
}

// Checked inside the timed loops so that a failing read (which would be fast) can never pass for a fast one.
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error("benchmark op returned no session");
  return value;
}

// The server framework builds the Request before any auth code runs, so requests are built before timing.
const sesameRead = async (request: Request) => must((await getSession(request, config)).session);
const requestWith = (cookie: string) => new Request(PAGE_URL, { headers: { cookie } });
const authjsRead = async (token: string) => must(await authjsDecode({ token, secret: SECRET, salt: AUTHJS_SALT }));
const v4Read = async (token: string) => must(await v4Decode({ token, secret: SECRET }));

const sesameIssue = () => sesameEncode({ token: user, secret: SECRET });
const authjsIssue = () => authjsEncode({ token: user, secret: SECRET, salt: AUTHJS_SALT });
const v4Issue = () => v4Encode({ token: user, secret: SECRET });

/**
 * Sesame tokens encrypted in a worker thread. Sesame's `encode` remembers what it encrypted, so tokens made
 * in this thread would already be in the decoded cache and would not be "first seen" by `getSession`.
 */
function sesameTokensFromAnotherThread(count: number): Promise<string[]> {
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(workerData.jwtModule).then(async ({ encode }) => {
      const tokens = [];
      for (let i = 0; i < workerData.count; i++) tokens.push(await encode({ token: workerData.user, secret: workerData.secret }));
      parentPort.postMessage(tokens);
    });`;
  const workerData = { jwtModule: import.meta.resolve("sesame-auth/jwt"), count, user, secret: SECRET };
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData });
    worker.once("message", (tokens: string[]) => resolve(tokens));
    worker.once("error", reject);
  });
}

async function pool(count: number, issue: () => Promise<string>): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push(await issue());
  return tokens;
}

function at<T>(tokens: readonly T[], i: number): T {
  const token = tokens[i];
  if (token === undefined) throw new Error(`token pool exhausted at ${i}`);
  return token;
}

/** Fails the op when a route answered anything but 200, so that a fast error can never pass for a fast read. */
function ok(response: Response): Response {
  if (response.status !== 200) throw new Error(`benchmark route answered ${response.status}`);
  return response;
}

/** The e-mail of the session in a `GET /session` answer: checked before and after timing, since reading the body would add its own cost. */
async function sessionEmail(response: Response): Promise<string | undefined> {
  const body = (await ok(response).json()) as { user?: { email?: string } } | null;
  return body?.user?.email;
}

/**
 * The cookies a browser sends to @auth/core's `GET /session` once it has been answered there: the session
 * token and the CSRF and callback-URL cookies that @auth/core sets on its first answer (and does not set again).
 */
async function authjsBrowserCookie(token: string): Promise<string> {
  const session = `${COOKIE_NAMES.authjs}=${token}`;
  const first = await AuthjsAuth(new Request(SESSION_ROUTE_URL, { headers: { cookie: session } }), authjsConfig);
  const others = first.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .filter((pair) => pair !== "" && !pair.startsWith(`${COOKIE_NAMES.authjs}=`));
  return [session, ...others].join("; ");
}

/** Rounds of the route comparison: many short ones, taken in turns, so that a busy moment hits every op alike. */
const ROUTE_ROUNDS = 25;

interface Timed {
  op: () => Promise<unknown>;
  /** Ops per round; @auth/core's `Auth()` takes ~1 ms, so it runs fewer. */
  ops: number;
}

/**
 * Median µs/op of each op, the ops measured in turns: round r runs a batch of every op before round r + 1.
 * The ratios this section reports compare ops of one run, and on a shared machine the load changes by the
 * second; taking turns spreads it over all of them instead of the one that happened to run at the time.
 */
async function measureInTurns(timed: readonly Timed[]): Promise<Map<Timed, number>> {
  for (const { op, ops } of timed) for (let n = 0; n < ops; n++) await op();
  const perOp = new Map(timed.map((t): [Timed, number[]] => [t, []]));
  for (let round = 0; round < ROUTE_ROUNDS; round++) {
    for (const t of timed) {
      const start = performance.now();
      for (let n = 0; n < t.ops; n++) await t.op();
      perOp.get(t)?.push(((performance.now() - start) * 1000) / t.ops);
    }
  }
  return new Map([...perOp].map(([t, times]) => [t, times.sort((a, b) => a - b)[Math.floor(ROUTE_ROUNDS / 2)] ?? Number.NaN]));
}

const SESAME_ROUTE_OPS = 1_000;
const AUTHJS_ROUTE_OPS = 100;

interface RouteRow {
  name: string;
  /** µs/op with `new Request(…)` inside the op, as issue 29 measured. */
  built: number;
  /** µs/op with one Request built before timing, as the rest of this file does. */
  prebuilt: number | undefined;
}

/**
 * `GET /api/auth/session` through Sesame's `Auth()` against `getSession()` for the same request, and against
 * @auth/core's `Auth()` with its own valid session cookie. Returns the report section.
 */
async function routeSection(sesameCookie: string, authjsToken: string): Promise<string> {
  const authjsCookie = await authjsBrowserCookie(authjsToken);
  const sesameRequest = () => new Request(SESSION_ROUTE_URL, { headers: { cookie: sesameCookie } });
  const authjsRequest = () => new Request(SESSION_ROUTE_URL, { headers: { cookie: authjsCookie } });
  const probes = async () => {
    const emails = [await sessionEmail(await Auth(sesameRequest(), config)), await sessionEmail(await AuthjsAuth(authjsRequest(), authjsConfig))];
    if (emails.some((email) => email !== user.email)) throw new Error(`a GET /session probe found no session: ${JSON.stringify(emails)}`);
  };
  await probes();

  const read = (request: Request) => getSession(request, config).then((state) => must(state.session));
  // What any JSON route answer costs on top of the read: the least `Auth()` could take on this runtime.
  const readAndAnswer = (request: Request) => read(request).then((session) => new Response(JSON.stringify(session)));
  const sesameRoute = (request: Request) => Auth(request, config).then(ok);
  const authjsRoute = (request: Request) => AuthjsAuth(request, authjsConfig).then(ok);
  const fixedSesame = sesameRequest();
  const fixedAuthjs = authjsRequest();
  const sesameOps = (op: () => Promise<unknown>): Timed => ({ op, ops: SESAME_ROUTE_OPS });
  const authjsOps = (op: () => Promise<unknown>): Timed => ({ op, ops: AUTHJS_ROUTE_OPS });
  const cases: { name: string; built: Timed; prebuilt?: Timed }[] = [
    { name: "Sesame `getSession()`", built: sesameOps(() => read(sesameRequest())), prebuilt: sesameOps(() => read(fixedSesame)) },
    {
      name: "Sesame `Auth()` GET /session",
      built: sesameOps(() => sesameRoute(sesameRequest())),
      prebuilt: sesameOps(() => sesameRoute(fixedSesame)),
    },
    {
      name: "Sesame `getSession()` + `new Response(JSON.stringify(session))`",
      built: sesameOps(() => readAndAnswer(sesameRequest())),
      prebuilt: sesameOps(() => readAndAnswer(fixedSesame)),
    },
    {
      name: "@auth/core 0.41 `Auth()` GET /session",
      built: authjsOps(() => authjsRoute(authjsRequest())),
      prebuilt: authjsOps(() => authjsRoute(fixedAuthjs)),
    },
    { name: "building the Request alone", built: sesameOps(async () => sesameRequest()) },
  ];
  const medians = await measureInTurns(cases.flatMap((c) => (c.prebuilt ? [c.built, c.prebuilt] : [c.built])));
  const median = (t: Timed | undefined) => (t ? (medians.get(t) ?? Number.NaN) : undefined);
  const rows: RouteRow[] = cases.map((c) => ({ name: c.name, built: median(c.built) ?? Number.NaN, prebuilt: median(c.prebuilt) }));
  await probes();

  const [reading, route, floor, authjs] = rows as [RouteRow, RouteRow, RouteRow, RouteRow];
  const us = (x: number | undefined) => (x === undefined ? "—" : `${x.toFixed(2)} µs`);
  const table = [
    "| GET /session | Request built in the op | Request built beforehand |",
    "| --- | ---: | ---: |",
    ...rows.map((r) => `| ${r.name} | ${us(r.built)} | ${us(r.prebuilt)} |`),
  ].join("\n");
  const times = (x: number) => `${x.toFixed(2)}×`;
  const verdict = (met: boolean) => (met ? "met" : "NOT met");
  const both = (of: (key: "built" | "prebuilt") => number, met: (x: number) => boolean) =>
    `${times(of("built"))} with the Request built in the op — ${verdict(met(of("built")))}; ` +
    `${times(of("prebuilt"))} with it built beforehand — ${verdict(met(of("prebuilt")))}`;
  const figure = (row: RouteRow, key: "built" | "prebuilt") => row[key] ?? Number.NaN;
  const targets = [
    `- \`Auth()\` GET /session ≤ 1.5× \`getSession()\`: ${both((k) => figure(route, k) / figure(reading, k), (x) => x <= 1.5)}`,
    `- \`Auth()\` GET /session ≥ 80× faster than @auth/core's \`Auth()\`: ${both((k) => figure(authjs, k) / figure(route, k), (x) => x >= 80)}`,
    `- for reference, \`getSession()\` + a bare JSON \`Response\` / \`getSession()\`: ${times(floor.built / reading.built)} built in the op, ` +
      `${times(figure(floor, "prebuilt") / figure(reading, "prebuilt"))} beforehand; what \`Auth()\` adds beyond that: ` +
      `${us(route.built - floor.built)} built in the op, ${us(figure(route, "prebuilt") - figure(floor, "prebuilt"))} beforehand`,
  ].join("\n");
  const about =
    "`Auth()` and `getSession()` read the same Sesame cookie with the same config object; @auth/core's `Auth()` gets its own session " +
    "cookie with the CSRF and callback-URL cookies it set on its first answer, as a browser sends them. Responses are checked for status 200 " +
    "in the timed loop and for the session's user before and after timing; their bodies are not read (the server does that after the route returns). " +
    `Each figure: median of ${ROUTE_ROUNDS} rounds, the ops taking turns round by round, of ${SESAME_ROUTE_OPS} ops (@auth/core: ${AUTHJS_ROUTE_OPS}). ` +
    "Where the time goes: [route-layer.md](route-layer.md).";
  return `## The route layer: \`GET /api/auth/session\`\n\n${about}\n\n${table}\n\nTargets:\n\n${targets}\n`;
}

interface Row {
  name: string;
  sesame: number;
  authjs: number;
  v4: number;
  unit: "µs/op" | "bytes";
}

/** Provider token sizes as Entra ID and Cognito issue them (characters): the access, refresh and ID token. */
const PROVIDER_TOKENS = {
  "Entra ID": { access: 2600, refresh: 1800 },
  Cognito: { access: 1100, refresh: 1800 },
} as const;

/** Random base64url characters: tokens do not compress, and neither may their stand-ins. */
function randomToken(length: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(Math.ceil((length * 3) / 4)))).toString("base64url").slice(0, length);
}

/** Bytes of the session cookies (every chunk's `name=value`) a sign-in response sets. */
function sessionCookieBytes(response: Response, name: string): number {
  return response.headers
    .getSetCookie()
    .filter((line) => line.startsWith(name))
    .reduce((total, line) => total + (line.split(";")[0] ?? "").length, 0);
}

/**
 * The session cookie of a user signed in with a provider's access and refresh tokens: Sesame with the tokens
 * in the cookie and with `tokens.store`, beside Auth.js and next-auth 4 keeping the same tokens in the JWT
 * the way their refresh-token guide does (`access_token`, `expires_at`, `refresh_token` in the `jwt` callback).
 */
async function providerTokenSection(): Promise<string> {
  const rows: string[] = [];
  let met = true;
  for (const [provider, size] of Object.entries(PROVIDER_TOKENS)) {
    const tokens = { accessToken: randomToken(size.access), refreshToken: randomToken(size.refresh), expiresAt: Math.floor(Date.now() / 1000) + 3600 };
    const signIn = async (store: boolean) => {
      const app: SesameConfig = {
        ...config,
        rateLimit: false,
        providers: [Credentials({ authorize: () => ({ ...user, id: "1", tokens }), tokens: { refresh: () => tokens } })],
        ...(store && { tokens: { store: MemoryTokenStore() } }),
      };
      const csrf = await Auth(new Request("http://localhost:3000/api/auth/csrf"), app);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = csrf.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
      const body = new URLSearchParams({ csrfToken, username: "alice" });
      const response = await Auth(new Request("http://localhost:3000/api/auth/callback/credentials", { method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" }, body }), app);
      return sessionCookieBytes(response, COOKIE_NAMES.sesame);
    };
    const recipe = { ...user, access_token: tokens.accessToken, expires_at: tokens.expiresAt, refresh_token: tokens.refreshToken };
    const authjs = COOKIE_NAMES.authjs.length + 1 + (await authjsEncode({ token: recipe, secret: SECRET, salt: AUTHJS_SALT })).length;
    const v4 = COOKIE_NAMES.v4.length + 1 + (await v4Encode({ token: recipe, secret: SECRET })).length;
    const [inline, stored] = [await signIn(false), await signIn(true)];
    met &&= stored < 1024;
    rows.push(`| ${provider} | ${inline} B | ${stored} B | ${authjs} B | ${v4} B | ${(authjs / stored).toFixed(1)}× |`);
  }
  return [
    "## Session cookie with provider tokens",
    "",
    "Access and refresh tokens of the sizes these providers issue (random characters), kept with a JWT session. " +
      "Auth.js and next-auth 4 keep them in the JWT as their refresh-token guide does, and split a cookie over 4 KB into chunks; " +
      "the figures are the bytes of every chunk's `name=value` (before chunking for the peers).",
    "",
    "| provider tokens | Sesame, tokens in the cookie | Sesame, `tokens.store` | @auth/core 0.41 | next-auth 4.24 | @auth/core / Sesame with store |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    `Target: with \`tokens.store\` the cookie stays under 1 KB — ${met ? "met" : "NOT met"}.`,
  ].join("\n");
}

async function main() {
  const started = performance.now();

  // The repeated-cookie case reads one token made in this thread: the cookie a browser sends on every request.
  const sesameCookie = `${COOKIE_NAMES.sesame}=${await sesameIssue()}`;
  const authjsToken = await authjsIssue();
  const v4Token = await v4Issue();
  const sesameRequest = requestWith(sesameCookie);
  const probe = await getSession(sesameRequest, config);
  if (probe.session?.user?.email !== user.email || probe.cookies.length > 0) {
    throw new Error(`unexpected Sesame read: ${JSON.stringify(probe)}`);
  }

  // Measured before the token pools exist: tens of thousands of live tokens and Requests make every
  // collection slower, and this section compares ops that differ mostly in the garbage they leave.
  const routes = await routeSection(sesameCookie, authjsToken);

  // All pool tokens are made before the reads below are timed.
  const sesamePool = (await sesameTokensFromAnotherThread(POOL_SIZE)).map((t) => `${COOKIE_NAMES.sesame}=${t}`);
  const authjsPool = await pool(POOL_SIZE, authjsIssue);
  const v4Pool = await pool(POOL_SIZE, v4Issue);
  const sesameRequests = sesamePool.map(requestWith);
  if (new Set(sesamePool).size !== POOL_SIZE || new Set(authjsPool).size !== POOL_SIZE || new Set(v4Pool).size !== POOL_SIZE) {
    throw new Error("token pools must hold distinct tokens");
  }

  const rows: Row[] = [];
  rows.push({
    name: "read session, repeated cookie",
    sesame: await measure(() => sesameRead(sesameRequest)),
    authjs: await measure(() => authjsRead(authjsToken)),
    v4: await measure(() => v4Read(v4Token)),
    unit: "µs/op",
  });
  rows.push({
    name: "read session, first-seen cookie",
    sesame: await measure((i) => sesameRead(at(sesameRequests, i))),
    authjs: await measure((i) => authjsRead(at(authjsPool, i))),
    v4: await measure((i) => v4Read(at(v4Pool, i))),
    unit: "µs/op",
  });
  rows.push({
    name: "issue a session",
    sesame: await measure(sesameIssue),
    authjs: await measure(authjsIssue),
    v4: await measure(v4Issue),
    unit: "µs/op",
  });

  const sesameToken = sesameCookie.slice(COOKIE_NAMES.sesame.length + 1);
  rows.push({ name: "cookie size: token", sesame: sesameToken.length, authjs: authjsToken.length, v4: v4Token.length, unit: "bytes" });
  // What the browser sends back on every request; Set-Cookie adds the same few attributes for all three.
  rows.push({
    name: "cookie size: `name=token` header pair",
    sesame: sesameCookie.length,
    authjs: COOKIE_NAMES.authjs.length + 1 + authjsToken.length,
    v4: COOKIE_NAMES.v4.length + 1 + v4Token.length,
    unit: "bytes",
  });

  const value = (row: Row, x: number) => (row.unit === "bytes" ? `${x} B` : `${x.toFixed(2)} µs`);
  const ratio = (peer: number, sesame: number) => `${(peer / sesame).toFixed(1)}×`;
  const table = [
    "| benchmark | Sesame | @auth/core 0.41 | next-auth 4.24 | ratio vs @auth/core | ratio vs next-auth |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${value(r, r.sesame)} | ${value(r, r.authjs)} | ${value(r, r.v4)} | ${ratio(r.authjs, r.sesame)} | ${ratio(r.v4, r.sesame)} |`,
    ),
  ].join("\n");

  const [repeated, firstSeen, , size] = rows as [Row, Row, Row, Row];
  const verdict = (met: boolean) => (met ? "met" : "NOT met");
  const targets = [
    `- repeated-cookie read ≥ 50× faster than @auth/core decode: ${ratio(repeated.authjs, repeated.sesame)} — ${verdict(repeated.authjs / repeated.sesame >= 50)}`,
    `- first-seen read ≥ 5× faster than @auth/core decode: ${ratio(firstSeen.authjs, firstSeen.sesame)} — ${verdict(firstSeen.authjs / firstSeen.sesame >= 5)}`,
    `- Sesame cookie smaller than @auth/core's: ${size.sesame} B vs ${size.authjs} B — ${verdict(size.sesame < size.authjs)}`,
    `- Sesame cookie smaller than next-auth v4's: ${size.sesame} B vs ${size.v4} B — ${verdict(size.sesame < size.v4)}`,
  ].join("\n");

  const cpu = cpus();
  const context = [
    `Node ${process.version} on ${process.platform}/${process.arch}, ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}; ${new Date().toISOString()}.`,
    `Each figure: median of ${ROUNDS} rounds of ${OPS_PER_ROUND} sequential awaited ops, after ${WARMUP_OPS} warm-up ops. ` +
      "Ratios are peer / Sesame (above 1× means Sesame is faster or smaller).",
    "Sesame reads are `getSession(request, config)`: cookie parsing, decryption, expiry and callbacks from a Request " +
      "(built beforehand, as the server framework does); peer reads are only `decode` of the bare token. First-seen reads use a token never decoded before by the process " +
      `(pools of ${POOL_SIZE} distinct tokens, Sesame's encrypted in a worker thread so that they are not in its cache).`,
  ].join("\n");

  const providerTokens = await providerTokenSection();
  const report = `# Session benchmark\n\n${context}\n\n${table}\n\nTargets:\n\n${targets}\n\n${routes}\n\n${providerTokens}`;
  console.log(`\n${report}\nTotal run: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const results = new URL("./results/", import.meta.url);
  await mkdir(results, { recursive: true });
  await writeFile(new URL("session.md", results), report);
}

await main();
