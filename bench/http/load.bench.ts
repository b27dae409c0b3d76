/**
 * `npm run bench:http`, part one: the same minimal Next.js 16 app (a `proxy.ts` guard, a protected page, a
 * protected API route) protected by Sesame, next-auth v5 and better-auth, and once with no auth at all, each
 * under `next start` on loopback, loaded in turn by autocannon with a signed-in cookie.
 *
 * Auth overhead is a protected route's server time per request above its unprotected twin in the same app
 * (`/public`, `/api/public`: the same markup and JSON with a fixed user, let through by the same proxy
 * without asking the auth library), measured two ways: server CPU per request (read from /proc, so
 * autocannon's share of the two cores does not blur it) and 1/(req/s). On this 2-core machine a page costs
 * about 2.5 ms of CPU, and that moves by more than Sesame's whole overhead from one second to the next and
 * from one server process to the next; the design cancels both:
 * - the twins are served by the same process, so its heap and compiled code are the same for both;
 * - CPU samples are short (a quarter of a second) and each protected sample is paired with its twin's,
 *   taken right before or after it, in random order (see `pairOrder` in sampling.ts);
 * - the run is split into epochs, each starting every app afresh, and the error bar comes from the spread of
 *   the epochs' means, so whatever differs between processes is in it rather than hidden.
 * The app with no auth is measured the same way, as the control: its two routes are identical, so its
 * "overhead" shows the method's own error. Requests/s and latency come from separate, longer runs.
 *
 * What is left of the noise is mostly garbage collection: a Next.js page leaves about 90 KB per request
 * that outlives the young generation, so every ~1 100 requests (about 3 s) a major GC costs some 90 ms of
 * CPU, and whichever sample of a pair it lands in moves by several hundred µs per request. It is a real
 * cost of the requests, so it stays in (forcing a GC before each sample made the pairs noisier, not
 * quieter); only more samples shrink its error, hence the page's extra rounds. It is also why a pair's order
 * is random rather than alternating: see `pairOrder` in sampling.ts. Even so, an hour of this leaves each route's
 * figure too wide to judge the 1/20 target at two standard errors; `target.bench.ts` spends its own hour on
 * one route alone (`bench:http:page`, `bench:http:api`).
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { buildApps, queryCount, TARGETS, type RunningApp } from "./servers.js";
import { barChart } from "./chart.js";
import { CONNECTIONS, load, backToBack, mean, median, overheadTarget, sampleOverhead, Series, shown, startEpoch, warmUp, WARM_UP_SECONDS, type Endpoint } from "./sampling.js";

const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 6);
// The page gets three times the API route's rounds: it allocates more, so its samples are noisier (see
// above), and Sesame's overhead is a smaller share of its cost.
const API_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const PAGE_ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 3 * API_ROUNDS);
const SAMPLE_SECONDS = Number(process.env.BENCH_SAMPLE_SECONDS ?? 0.25);
const THROUGHPUT_SECONDS = 3;
const ENDPOINTS: Endpoint[] = [
  { path: "/dashboard", twin: "/public", label: "protected page", rounds: PAGE_ROUNDS },
  { path: "/api/me", twin: "/api/public", label: "protected API route", rounds: API_ROUNDS },
];
const QUERY_SAMPLE = 100;

async function queriesPerRequest(app: RunningApp, cookie: string, path: string): Promise<number> {
  const before = await queryCount(app.origin);
  for (let i = 0; i < QUERY_SAMPLE; i++) await (await fetch(app.origin + path, { headers: { cookie } })).arrayBuffer();
  return ((await queryCount(app.origin)) - before) / QUERY_SAMPLE;
}

if (!process.argv.includes("--no-build")) buildApps();
const labels = TARGETS.map((target) => target.label);
const [baselineLabel] = labels as [string];
const rpsRuns = new Series();
const p50Runs = new Series();
const p99Runs = new Series();
const cpuSamples = new Series();
/** Per protected path: each sample's CPU minus its twin's (µs), and 1/(req/s) minus the twin's. */
const cpuOverhead = new Series();
const wallOverhead = new Series();
const queries = new Map<string, number>();
const sampleSizes = new Map<string, number>();

for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const apps = await startEpoch(TARGETS, 3400);
  try {
    await warmUp(apps, epoch, ENDPOINTS, epoch === 0 ? { seconds: SAMPLE_SECONDS, into: sampleSizes } : undefined);
    for (const { path, twin } of ENDPOINTS) {
      await apps.each(epoch, async (app, cookie, label) => {
        const run = (route: string) => load(app, cookie, route, { duration: THROUGHPUT_SECONDS });
        const [protectedRun, twinRun] = await backToBack(epoch % 2 === 1, path, twin, run);
        rpsRuns.add(label, path, epoch, protectedRun.rps);
        p50Runs.add(label, path, epoch, protectedRun.p50);
        p99Runs.add(label, path, epoch, protectedRun.p99);
        wallOverhead.add(label, path, epoch, 1e6 / protectedRun.rps - 1e6 / twinRun.rps);
      });
    }
    await sampleOverhead(apps, epoch, ENDPOINTS, sampleSizes, { cpu: cpuSamples, overhead: cpuOverhead });
    if (epoch === 0) {
      // One route at a time: the counter is per process, so overlapping samples would count each other's queries.
      await apps.each(0, async (app, cookie, label) => {
        for (const { path } of ENDPOINTS) queries.set(`${label} ${path}`, await queriesPerRequest(app, cookie, path));
      });
    }
    const page = (label: string) => mean(cpuOverhead.epochs(label, "/dashboard")[epoch] ?? []).toFixed(0);
    console.log(`epoch ${epoch + 1}/${EPOCHS}: page overhead (CPU, µs) ${labels.map((label) => `${label} ${page(label)}`).join(", ")}`);
  } finally {
    apps.stop();
  }
}

const rps = (label: string, path: string) => median(rpsRuns.all(label, path));
const find = (prefix: string) => labels.find((label) => label.startsWith(prefix)) as string;
const sesameJwt = find("Sesame (JWT");
const sesameDb = find("Sesame (database");
const nextAuth = find("next-auth");
const betterAuth = find("better-auth");

const lines: string[] = [
  "# HTTP benchmark",
  "",
  `Node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}; ${new Date().toISOString()}.`,
  `Next.js 16.4.5 \`next start\` on 127.0.0.1, one app at a time under autocannon (${CONNECTIONS} connections) with a signed-in cookie. ${EPOCHS} epochs, each starting every app afresh: a ${WARM_UP_SECONDS} s warm-up per app and route, one ${THROUGHPUT_SECONDS} s run per app and route for req/s and latency (medians over epochs below), then rounds of short CPU samples (request counts sized to about ${SAMPLE_SECONDS} s): ${PAGE_ROUNDS} for the page, ${API_ROUNDS} for the API route. Every response counted was a 200 (a redirect or 401 fails the run).`,
  `Auth overhead = a protected route's server time per request above its unprotected twin in the same app and process (\`/public\`, \`/api/public\`: the same page and JSON with a fixed user, let through by the same proxy without the auth library). In server CPU time (all threads of the \`next start\` process, from /proc): each protected sample minus its twin's (the same number of requests), taken right before or after it in random order (balanced over each two rounds), averaged over the epoch; the figure is the mean of the ${EPOCHS} epochs' means ± its standard error from their spread. In 1/(req/s), from the longer runs (their order alternating from epoch to epoch), the same way. The CPU figure is the one the target is judged on: the load generator shares the two cores, which blurs the wall-clock one. The app with no auth is the control: its protected and unprotected routes are the same, so its overhead should be 0 within its error. SQL queries per request are counted by Kysely's log hook over ${QUERY_SAMPLE} sequential requests.`,
  "",
];
for (const [e, { path, label }] of ENDPOINTS.entries()) {
  lines.push(`## ${label} (\`${path}\`: proxy guard + \`auth()\` in the ${e === 0 ? "page" : "route handler"})`, "");
  lines.push(
    "| app | req/s | p50 | p99 | server CPU / request | auth overhead (CPU) | auth overhead (1/req/s) | SQL queries / request |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const app of labels) {
    const control = app === baselineLabel ? " (control)" : "";
    lines.push(
      `| ${app} | ${rps(app, path).toFixed(0)} | ${median(p50Runs.all(app, path))} ms | ${median(p99Runs.all(app, path))} ms | ${mean(cpuSamples.all(app, path)).toFixed(0)} µs | ${shown(cpuOverhead.overhead(app, path))}${control} | ${shown(wallOverhead.overhead(app, path))}${control} | ${(queries.get(`${app} ${path}`) ?? 0).toFixed(2)} |`,
    );
  }
  lines.push("");
}
lines.push("Ratios (same run):", "");
for (const { path, label } of ENDPOINTS) {
  const ratio = (a: string, b: string) => (rps(a, path) / rps(b, path)).toFixed(2);
  const wallShare = wallOverhead.overhead(sesameJwt, path).mean / wallOverhead.overhead(nextAuth, path).mean;
  lines.push(
    `- ${label}: Sesame JWT ${ratio(sesameJwt, nextAuth)}× next-auth's req/s; Sesame database ${ratio(sesameDb, betterAuth)}× better-auth's req/s; Sesame's auth overhead is ${overheadTarget(cpuOverhead.overhead(sesameJwt, path), cpuOverhead.overhead(nextAuth, path))} and ${(wallShare * 100).toFixed(1)} % in 1/(req/s); Sesame JWT req/s ≥ next-auth and better-auth: ${rps(sesameJwt, path) >= Math.max(rps(nextAuth, path), rps(betterAuth, path)) ? "met" : "not met"}.`,
  );
}
lines.push("", "![Requests per second by app and route](http.svg)", "");
writeFileSync(new URL("../results/http.md", import.meta.url), lines.join("\n"));
writeFileSync(
  new URL("../results/http.svg", import.meta.url),
  barChart({
    title: "Requests per second, Next.js 16 `next start` (higher is better)",
    groups: ENDPOINTS.map(({ label }) => label),
    series: labels.map((label) => ({ label, values: ENDPOINTS.map(({ path }) => rps(label, path)) })),
  }),
);
console.log(lines.join("\n"));
