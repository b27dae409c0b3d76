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
 *   taken right before or after it (the order alternates);
 * - the run is split into epochs, each starting every app afresh, and the error bar comes from the spread of
 *   the epochs' means, so whatever differs between processes is in it rather than hidden.
 * The app with no auth is measured the same way, as the control: its two routes are identical, so its
 * "overhead" shows the method's own error. Requests/s and latency come from separate, longer runs.
 *
 * What is left of the noise is mostly garbage collection: a Next.js page leaves about 90 KB per request
 * that outlives the young generation, so every ~1 100 requests (about 3 s) a major GC costs some 90 ms of
 * CPU, and whichever sample of a pair it lands in moves by several hundred µs per request. It is a real
 * cost of the requests, so it stays in (forcing a GC before each sample made the pairs noisier, not
 * quieter); only more samples shrink its error, hence the page's extra rounds.
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import autocannon from "autocannon";
import { buildApps, queryCount, serverCpuMs, signIn, startApp, TARGETS, type RunningApp } from "./servers.js";
import { barChart } from "./chart.js";

const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 6);
// The page gets three times the API route's rounds: it allocates more, so its samples are noisier (see
// above), and Sesame's overhead is a smaller share of its cost.
const API_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const PAGE_ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 3 * API_ROUNDS);
const SAMPLE_SECONDS = Number(process.env.BENCH_SAMPLE_SECONDS ?? 0.25);
const THROUGHPUT_SECONDS = 3;
// Rendering a page takes Node several seconds of load to compile to its fastest form.
const WARM_UP_SECONDS = 4;
const CONNECTIONS = 10;
const ENDPOINTS = [
  { path: "/dashboard", twin: "/public", label: "protected page", rounds: PAGE_ROUNDS },
  { path: "/api/me", twin: "/api/public", label: "protected API route", rounds: API_ROUNDS },
] as const;
const QUERY_SAMPLE = 100;

type Bound = { duration: number } | { amount: number };

interface Run {
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU time per completed request, µs. */
  cpu: number;
}

async function load(app: RunningApp, cookie: string, path: string, bound: Bound): Promise<Run> {
  const cpuBefore = serverCpuMs(app);
  // autocannon notices the end of a run at its next sample: sampling often ends a run with its last response.
  const result = await autocannon({ url: app.origin + path, connections: CONNECTIONS, ...bound, sampleInt: 10, headers: cookie ? { cookie } : {} });
  // A guard that let nothing through (or everything bounce to sign-in) would look fast: only 200s count.
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${app.target.label} ${path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const cpu = ((serverCpuMs(app) - cpuBefore) * 1000) / result.requests.total;
  return { rps: result.requests.total / (result.duration || 1), p50: result.latency.p50, p99: result.latency.p99, cpu };
}

async function queriesPerRequest(app: RunningApp, cookie: string, path: string): Promise<number> {
  const before = await queryCount(app.origin);
  for (let i = 0; i < QUERY_SAMPLE; i++) await (await fetch(app.origin + path, { headers: { cookie } })).arrayBuffer();
  return ((await queryCount(app.origin)) - before) / QUERY_SAMPLE;
}

/**
 * A protected route's run and its twin's, one right after the other; callers alternate `twinFirst` so that a
 * trend across the pair (the machine warming or cooling) cancels out. Returns [protected, twin].
 */
async function backToBack(twinFirst: boolean, path: string, twin: string, run: (route: string) => Promise<Run>): Promise<[Run, Run]> {
  if (twinFirst) {
    const twinRun = await run(twin);
    return [await run(path), twinRun];
  }
  const protectedRun = await run(path);
  return [protectedRun, await run(twin)];
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** The mean of the epochs' means, with its standard error from their spread. */
function acrossEpochs(epochMeans: number[]): { mean: number; error: number } {
  const m = mean(epochMeans);
  const variance = epochMeans.reduce((sum, v) => sum + (v - m) ** 2, 0) / Math.max(1, epochMeans.length - 1);
  return { mean: m, error: Math.sqrt(variance / epochMeans.length) };
}

/** Values per app and path, kept by epoch. */
class Series {
  private readonly data = new Map<string, number[][]>();
  add(app: string, path: string, epoch: number, value: number) {
    const epochs = this.data.get(`${app} ${path}`) ?? [];
    (epochs[epoch] ??= []).push(value);
    this.data.set(`${app} ${path}`, epochs);
  }
  epochs(app: string, path: string): number[][] {
    return this.data.get(`${app} ${path}`) ?? [];
  }
  all(app: string, path: string): number[] {
    return this.epochs(app, path).flat();
  }
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
const amounts = new Map<string, number>();

for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const apps: RunningApp[] = [];
  try {
    for (const [index, target] of TARGETS.entries()) apps.push(await startApp(target, 3400 + index));
    const cookies = await Promise.all(apps.map((app) => signIn(app)));
    cookies[0] = cookies[1] ?? ""; // the app with no auth is sent Sesame's cookie: Next.js parses it there too
    // Rotate the order each time so no app always runs first (or last) on a warming or cooling machine.
    const inOrder = (turn: number) => apps.map((_, i) => (i + turn) % apps.length);
    const each = async (turn: number, visit: (app: RunningApp, cookie: string, label: string) => Promise<void>) => {
      for (const index of inOrder(turn)) await visit(apps[index] as RunningApp, cookies[index] ?? "", labels[index] as string);
    };

    // Warm-up (JIT, caches, pools); the first one also sizes the CPU samples to SAMPLE_SECONDS. A pair's two
    // samples get the same request count, so the cost of opening connections is spread the same way over both.
    await each(epoch, async (app, cookie, label) => {
      for (const { path, twin } of ENDPOINTS) {
        await load(app, cookie, path, { duration: WARM_UP_SECONDS });
        const warm = await load(app, cookie, twin, { duration: WARM_UP_SECONDS });
        if (epoch === 0) amounts.set(`${label} ${path}`, Math.max(50, Math.round(warm.rps * SAMPLE_SECONDS)));
      }
    });
    for (const { path, twin } of ENDPOINTS) {
      await each(epoch, async (app, cookie, label) => {
        const run = (route: string) => load(app, cookie, route, { duration: THROUGHPUT_SECONDS });
        const [protectedRun, twinRun] = await backToBack(epoch % 2 === 1, path, twin, run);
        rpsRuns.add(label, path, epoch, protectedRun.rps);
        p50Runs.add(label, path, epoch, protectedRun.p50);
        p99Runs.add(label, path, epoch, protectedRun.p99);
        wallOverhead.add(label, path, epoch, 1e6 / protectedRun.rps - 1e6 / twinRun.rps);
      });
    }
    for (let round = 0; round < Math.max(PAGE_ROUNDS, API_ROUNDS); round++) {
      for (const { path, twin } of ENDPOINTS.filter((endpoint) => round < endpoint.rounds)) {
        await each(round, async (app, cookie, label) => {
          const sample = (route: string) => load(app, cookie, route, { amount: amounts.get(`${label} ${path}`) ?? 100 });
          const [protectedSample, twinSample] = await backToBack(round % 2 === 1, path, twin, sample);
          cpuSamples.add(label, path, epoch, protectedSample.cpu);
          cpuOverhead.add(label, path, epoch, protectedSample.cpu - twinSample.cpu);
        });
      }
    }
    if (epoch === 0) {
      // One route at a time: the counter is per process, so overlapping samples would count each other's queries.
      await each(0, async (app, cookie, label) => {
        for (const { path } of ENDPOINTS) queries.set(`${label} ${path}`, await queriesPerRequest(app, cookie, path));
      });
    }
    const page = (label: string) => mean(cpuOverhead.epochs(label, "/dashboard")[epoch] ?? []).toFixed(0);
    console.log(`epoch ${epoch + 1}/${EPOCHS}: page overhead (CPU, µs) ${labels.map((label) => `${label} ${page(label)}`).join(", ")}`);
  } finally {
    for (const app of apps) app.stop();
  }
}

const shown = ({ mean: m, error }: { mean: number; error: number }) => `${m.toFixed(0)} ± ${error.toFixed(0)} µs`;
const overhead = (series: Series, label: string, path: string) => acrossEpochs(series.epochs(label, path).map(mean));
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
  `Auth overhead = a protected route's server time per request above its unprotected twin in the same app and process (\`/public\`, \`/api/public\`: the same page and JSON with a fixed user, let through by the same proxy without the auth library). In server CPU time (all threads of the \`next start\` process, from /proc): each protected sample minus its twin's (the same number of requests), taken right before or after it in alternating order, averaged over the epoch; the figure is the mean of the ${EPOCHS} epochs' means ± its standard error from their spread. In 1/(req/s), from the longer runs (their order alternating from epoch to epoch), the same way. The CPU figure is the one the target is judged on: the load generator shares the two cores, which blurs the wall-clock one. The app with no auth is the control: its protected and unprotected routes are the same, so its overhead should be 0 within its error. SQL queries per request are counted by Kysely's log hook over ${QUERY_SAMPLE} sequential requests.`,
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
      `| ${app} | ${rps(app, path).toFixed(0)} | ${median(p50Runs.all(app, path))} ms | ${median(p99Runs.all(app, path))} ms | ${mean(cpuSamples.all(app, path)).toFixed(0)} µs | ${shown(overhead(cpuOverhead, app, path))}${control} | ${shown(overhead(wallOverhead, app, path))}${control} | ${(queries.get(`${app} ${path}`) ?? 0).toFixed(2)} |`,
    );
  }
  lines.push("");
}
lines.push("Ratios (same run):", "");
for (const { path, label } of ENDPOINTS) {
  const ratio = (a: string, b: string) => (rps(a, path) / rps(b, path)).toFixed(2);
  const sesame = overhead(cpuOverhead, sesameJwt, path);
  const reference = overhead(cpuOverhead, nextAuth, path).mean;
  const share = sesame.mean / reference;
  const upper = (sesame.mean + 2 * sesame.error) / reference;
  const wallShare = overhead(wallOverhead, sesameJwt, path).mean / overhead(wallOverhead, nextAuth, path).mean;
  const verdict = upper <= 0.05 ? "met" : share <= 0.05 ? "met on the mean, not at two standard errors" : "not met";
  lines.push(
    `- ${label}: Sesame JWT ${ratio(sesameJwt, nextAuth)}× next-auth's req/s; Sesame database ${ratio(sesameDb, betterAuth)}× better-auth's req/s; Sesame's auth overhead is ${(share * 100).toFixed(1)} % of next-auth's in server CPU (${(upper * 100).toFixed(1)} % at two standard errors; target ≤ 5 %: ${verdict}) and ${(wallShare * 100).toFixed(1)} % in 1/(req/s); Sesame JWT req/s ≥ next-auth and better-auth: ${rps(sesameJwt, path) >= Math.max(rps(nextAuth, path), rps(betterAuth, path)) ? "met" : "not met"}.`,
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
