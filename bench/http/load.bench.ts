/**
 * `npm run bench:http`, part one: the same minimal Next.js 16 app (a `proxy.ts` guard, a protected page, a
 * protected API route) protected by Sesame, next-auth v5 and better-auth, and once with no auth at all, each
 * under `next start` on loopback, loaded in turn by autocannon with a signed-in cookie.
 *
 * Auth overhead is server time per request above the unprotected baseline, measured two ways: server CPU per
 * request (read from /proc, so autocannon's share of the two cores does not blur it) and 1/(req/s). On a
 * 2-core machine one run of a page costs about 10 ms of CPU and drifts by more than Sesame's whole overhead
 * from one minute to the next, so the figure is built to cancel drift: many short runs, each app's run
 * paired with the baseline's run of the same route in the same round (taken seconds apart), and the mean of
 * the paired differences reported with its standard error. Runs are bounded by request count, sized from the
 * warm-up to last about `BENCH_SECONDS`, so every request counted has finished.
 *
 * The baseline is sent the same cookie as Sesame's app: Next.js parses the request's cookies whether or not
 * anything reads them, and that is the framework's cost, not the auth library's.
 */
import { writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { buildApps, queryCount, serverCpuMs, signIn, startApp, TARGETS, type RunningApp } from "./servers.js";
import { barChart } from "./chart.js";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
// Rendering a page takes Node several seconds of load to compile to its fastest form.
const WARM_UP_SECONDS = 8;
const CONNECTIONS = 10;
const ENDPOINTS = [
  { path: "/dashboard", label: "protected page" },
  { path: "/api/me", label: "protected API route" },
] as const;
const QUERY_SAMPLE = 100;

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU time per completed request, µs. */
  cpu: number;
}

type Bound = { duration: number } | { amount: number };

async function load(app: RunningApp, cookie: string, path: string, bound: Bound): Promise<Sample> {
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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Mean and its standard error. */
function meanWithError(values: number[]): { mean: number; error: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, error: Math.sqrt(variance / values.length) };
}

if (!process.argv.includes("--no-build")) buildApps();
const apps: RunningApp[] = [];
try {
  for (const [index, target] of TARGETS.entries()) apps.push(await startApp(target, 3400 + index));
  const cookies = await Promise.all(apps.map((app) => signIn(app)));
  cookies[0] = cookies[1] ?? ""; // the baseline carries Sesame's cookie (see above)
  const samples = new Map<string, Sample[]>();
  const key = (app: RunningApp, path: string) => `${app.target.label} ${path}`;

  // Warm-up (JIT, caches, pools), which also sizes each run: the requests the app serves in SECONDS.
  const amounts = new Map<string, number>();
  for (const [index, app] of apps.entries()) {
    for (const { path } of ENDPOINTS) {
      const warm = await load(app, cookies[index] ?? "", path, { duration: WARM_UP_SECONDS });
      amounts.set(key(app, path), Math.max(50, Math.round(warm.rps * SECONDS)));
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const { path } of ENDPOINTS) {
      // Rotate the order each round so no app always runs first (or last) on a warming or cooling machine.
      for (const index of apps.map((_, i) => (i + round) % apps.length)) {
        const app = apps[index] as RunningApp;
        const sample = await load(app, cookies[index] ?? "", path, { amount: amounts.get(key(app, path)) ?? 100 });
        samples.set(key(app, path), [...(samples.get(key(app, path)) ?? []), sample]);
        console.log(`round ${round + 1}/${ROUNDS} ${key(app, path)}: ${sample.rps.toFixed(0)} req/s, p50 ${sample.p50} ms, p99 ${sample.p99} ms, ${sample.cpu.toFixed(0)} µs CPU/request`);
      }
    }
  }
  // One route at a time: the counter is per process, so overlapping samples would count each other's queries.
  const queries: number[][] = [];
  for (const [index, app] of apps.entries()) {
    const perRoute: number[] = [];
    for (const { path } of ENDPOINTS) perRoute.push(await queriesPerRequest(app, cookies[index] ?? "", path));
    queries.push(perRoute);
  }

  const summary = (app: RunningApp, path: string) => {
    const list = samples.get(key(app, path)) ?? [];
    return { rps: median(list.map((s) => s.rps)), p50: median(list.map((s) => s.p50)), p99: median(list.map((s) => s.p99)), cpu: median(list.map((s) => s.cpu)) };
  };
  const [baseline] = apps as [RunningApp];
  /** The app's per-request cost minus the baseline's in the same round, over rounds (µs): mean ± standard error. */
  const paired = (app: RunningApp, path: string, cost: (sample: Sample) => number) => {
    const base = samples.get(key(baseline, path)) ?? [];
    return meanWithError((samples.get(key(app, path)) ?? []).map((sample, round) => cost(sample) - cost(base[round] as Sample)));
  };
  const cpuOverhead = (app: RunningApp, path: string) => paired(app, path, (s) => s.cpu);
  const overhead = (app: RunningApp, path: string) => paired(app, path, (s) => 1e6 / s.rps);
  const shown = ({ mean, error }: { mean: number; error: number }) => `${mean.toFixed(0)} ± ${error.toFixed(0)} µs`;
  const find = (prefix: string) => apps.find((app) => app.target.label.startsWith(prefix)) as RunningApp;
  const sesameJwt = find("Sesame (JWT");
  const sesameDb = find("Sesame (database");
  const nextAuth = find("next-auth");
  const betterAuth = find("better-auth");

  const lines: string[] = [
    "# HTTP benchmark",
    "",
    `Node ${process.version} on ${process.platform}/${process.arch}, ${(await import("node:os")).cpus().length} × ${(await import("node:os")).cpus()[0]?.model ?? "CPU"}; ${new Date().toISOString()}.`,
    `Next.js 16.4.5 \`next start\` on 127.0.0.1, one app at a time under autocannon (${CONNECTIONS} connections) with a signed-in cookie (the baseline is sent Sesame's, so Next.js's own cookie parsing is the same in both); after a ${WARM_UP_SECONDS} s warm-up per app and route, ${ROUNDS} rounds, each running every app once per route in rotating order, for as many requests as the app served in ${SECONDS} s of its warm-up. req/s, p50 and p99 are medians over rounds. Every response counted was a 200 (a redirect or 401 fails the run).`,
    "Auth overhead = server time per request above the same route in the app with no auth, as server CPU time per request (user + system of the `next start` processes, from /proc) and as 1/(req/s) − 1/(baseline req/s); each is the mean ± standard error over rounds of the difference to the baseline's run of the same route in the same round, which cancels the machine's drift between rounds. The CPU figure is the one the target is judged on: the load generator shares the two cores, which blurs the wall-clock one. SQL queries per request are counted by Kysely's log hook over 100 sequential requests.",
    "",
  ];
  for (const [e, { path, label }] of ENDPOINTS.entries()) {
    lines.push(`## ${label} (\`${path}\`: proxy guard + \`auth()\` in the ${e === 0 ? "page" : "route handler"})`, "");
    lines.push(
      "| app | req/s | p50 | p99 | server CPU / request | auth overhead (CPU) | auth overhead (1/req/s) | SQL queries / request |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const [index, app] of apps.entries()) {
      const s = summary(app, path);
      const [cpuExtra, extra] = index === 0 ? ["—", "—"] : [shown(cpuOverhead(app, path)), shown(overhead(app, path))];
      lines.push(`| ${app.target.label} | ${s.rps.toFixed(0)} | ${s.p50} ms | ${s.p99} ms | ${s.cpu.toFixed(0)} µs | ${cpuExtra} | ${extra} | ${(queries[index]?.[e] ?? 0).toFixed(2)} |`);
    }
    lines.push("");
  }
  lines.push("Ratios (same run):", "");
  for (const { path, label } of ENDPOINTS) {
    const ratio = (a: RunningApp, b: RunningApp) => (summary(a, path).rps / summary(b, path).rps).toFixed(2);
    const share = cpuOverhead(sesameJwt, path).mean / cpuOverhead(nextAuth, path).mean;
    const wallShare = overhead(sesameJwt, path).mean / overhead(nextAuth, path).mean;
    lines.push(
      `- ${label}: Sesame JWT ${ratio(sesameJwt, nextAuth)}× next-auth's req/s; Sesame database ${ratio(sesameDb, betterAuth)}× better-auth's req/s; Sesame's auth overhead is ${(share * 100).toFixed(1)} % of next-auth's in server CPU (target ≤ 5 %: ${share <= 0.05 ? "met" : "not met"}) and ${(wallShare * 100).toFixed(1)} % in 1/(req/s); Sesame JWT req/s ≥ next-auth and better-auth: ${summary(sesameJwt, path).rps >= Math.max(summary(nextAuth, path).rps, summary(betterAuth, path).rps) ? "met" : "not met"}.`,
    );
  }
  lines.push("", "![Requests per second by app and route](http.svg)", "");
  writeFileSync(new URL("../results/http.md", import.meta.url), lines.join("\n"));
  writeFileSync(
    new URL("../results/http.svg", import.meta.url),
    barChart({
      title: "Requests per second, Next.js 16 `next start` (higher is better)",
      groups: ENDPOINTS.map(({ label }) => label),
      series: apps.map((app) => ({ label: app.target.label, values: ENDPOINTS.map(({ path }) => summary(app, path).rps) })),
    }),
  );
  console.log(lines.join("\n"));
} finally {
  for (const app of apps) app.stop();
}
