/**
 * `npm run bench:http:work`: the work a protected route makes the server do beyond its unprotected twin,
 * counted rather than timed — bytes allocated and asynchronous resources created per request (see
 * `work-meter.mjs`, preloaded into every app). Counts repeat to within about 1 % from run to run and from
 * process to process, where a route's CPU time per request moves by ±10 % (the spread that makes
 * `bench:http:page` need an hour), so they show in minutes what each auth library adds, and what part of it
 * Next.js charges any route that reads the request (the control app's reference routes). They are evidence
 * beside the CPU figures, not a replacement: allocation and promises are not all of a request's cost.
 * Writes `bench/results/http-work.md`; `BENCH_WORK_APPS=sesame,baseline` measures only those apps. The meter
 * itself slows the server several times over, which is why no time is reported here.
 */
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { buildApps, signIn, startApp, TARGETS, type RunningApp, type Target } from "./servers.js";
import { load, mean, WARM_UP_SECONDS } from "./sampling.js";

const REQUESTS = Number(process.env.BENCH_WORK_REQUESTS ?? 1000);
const WINDOWS = Number(process.env.BENCH_WORK_WINDOWS ?? 2);
const METER = new URL("./work-meter.mjs", import.meta.url).href;
const meterDir = mkdtempSync(join(tmpdir(), "sesame-work-"));

interface Route {
  path: string;
  twin: string;
  label: string;
  /** Only the control app serves it. */
  reference?: boolean;
}
const ROUTES: Route[] = [
  { path: "/dashboard", twin: "/public", label: "page" },
  { path: "/request-page", twin: "/public", label: "page, reading the request (no auth)", reference: true },
  { path: "/api/me", twin: "/api/public", label: "API route" },
  { path: "/api/request", twin: "/api/public", label: "API route, reading the request (no auth)", reference: true },
];

interface Work {
  /** KiB allocated per request. */
  allocated: number;
  promises: number;
  /** `process.nextTick` callbacks, immediates and timers per request: turns of the event loop's queues. */
  callbacks: number;
}

async function measure(app: RunningApp, cookie: string, path: string): Promise<Work> {
  const pid = app.process.pid as number;
  const file = join(meterDir, `${pid}.json`);
  process.kill(pid, "SIGUSR2");
  await load(app, cookie, path, { amount: REQUESTS });
  writeFileSync(file, "");
  process.kill(pid, "SIGUSR2");
  let counts: { allocated?: number; resources?: Record<string, number>; error?: string } = {};
  for (let attempt = 0; attempt < 200 && !counts.resources && !counts.error; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const text = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (text) counts = JSON.parse(text);
  }
  if (!counts.resources) throw new Error(`${app.target.label}: no work counts (${counts.error ?? "the meter did not answer"})`);
  const per = (n: number | undefined) => (n ?? 0) / REQUESTS;
  const { PROMISE, TickObject, Immediate, Timeout } = counts.resources;
  return { allocated: per(counts.allocated) / 1024, promises: per(PROMISE), callbacks: per(TickObject) + per(Immediate) + per(Timeout) };
}

const averaged = (runs: Work[]): Work => ({
  allocated: mean(runs.map((run) => run.allocated)),
  promises: mean(runs.map((run) => run.promises)),
  callbacks: mean(runs.map((run) => run.callbacks)),
});

if (!process.argv.includes("--no-build")) buildApps();
const results = new Map<string, { route: Route; protectedWork: Work; twinWork: Work }>();
// Sesame (JWT) first: the control app is sent its cookie, since Next.js parses the cookie header there too.
const only = process.env.BENCH_WORK_APPS?.split(",");
const order = TARGETS.filter((target) => !only || only.includes(target.app)).sort((a, b) => Number(a.app === "baseline") - Number(b.app === "baseline"));
let sesameCookie = "";
for (const [index, target] of order.entries()) {
  const withMeter: Target = { ...target, env: { ...target.env, NODE_OPTIONS: `--import ${METER}`, WORK_METER_DIR: meterDir } };
  const app = await startApp(withMeter, 3500 + index);
  try {
    const cookie = target.app === "baseline" ? sesameCookie : await signIn(app);
    if (target.app === "sesame" && !target.database) sesameCookie = cookie;
    const routes = ROUTES.filter((route) => !route.reference || target.app === "baseline");
    for (const { path, twin } of routes) {
      await load(app, cookie, path, { duration: WARM_UP_SECONDS });
      await load(app, cookie, twin, { duration: WARM_UP_SECONDS });
    }
    for (const route of routes) {
      const protectedRuns: Work[] = [];
      const twinRuns: Work[] = [];
      for (let window = 0; window < WINDOWS; window++) {
        const twinFirst = window % 2 === 1;
        if (twinFirst) twinRuns.push(await measure(app, cookie, route.twin));
        protectedRuns.push(await measure(app, cookie, route.path));
        if (!twinFirst) twinRuns.push(await measure(app, cookie, route.twin));
      }
      results.set(`${target.label} ${route.path}`, { route, protectedWork: averaged(protectedRuns), twinWork: averaged(twinRuns) });
    }
    console.log(`${target.label}: measured`);
  } finally {
    app.stop();
  }
}

const fixed = (value: number, digits = 0) => (value >= 0 ? "+" : "") + value.toFixed(digits);
const lines = [
  "# HTTP benchmark: work per request",
  "",
  `Node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}; ${new Date().toISOString()}.`,
  `Each app under \`next start\`, warmed up (${WARM_UP_SECONDS} s per route), then ${WINDOWS} windows of ${REQUESTS} requests (autocannon, signed-in cookie) per route and per twin, in alternating order, counted by \`bench/http/work-meter.mjs\`: KiB allocated (V8's sampling heap profiler, objects already collected included) and asynchronous resources created per request. Figures are a protected route's counts above its unprotected twin's (\`/public\`, \`/api/public\`) in the same process; the twin's own counts are in brackets.`,
  "",
  "| app | route | allocated / request | promises / request | nextTick + immediate + timer callbacks |",
  "| --- | --- | ---: | ---: | ---: |",
];
for (const target of order) {
  for (const route of ROUTES) {
    const result = results.get(`${target.label} ${route.path}`);
    if (!result) continue;
    const { protectedWork: p, twinWork: t } = result;
    lines.push(
      `| ${target.label} | ${route.label} | ${fixed(p.allocated - t.allocated, 1)} KiB (${t.allocated.toFixed(0)}) | ${fixed(p.promises - t.promises)} (${t.promises.toFixed(0)}) | ${fixed(p.callbacks - t.callbacks, 1)} (${t.callbacks.toFixed(0)}) |`,
    );
  }
}
const extra = (label: string | undefined, path: string, key: "allocated" | "promises") => {
  const result = results.get(`${label} ${path}`);
  return result ? result.protectedWork[key] - result.twinWork[key] : Number.NaN;
};
const sesame = TARGETS.find((target) => target.app === "sesame" && !target.database)?.label;
const nextAuth = TARGETS.find((target) => target.app === "next-auth")?.label;
lines.push("");
for (const [path, label] of [["/dashboard", "the page"], ["/api/me", "the API route"]] as const) {
  const share = (key: "allocated" | "promises") => ((100 * extra(sesame, path, key)) / extra(nextAuth, path, key)).toFixed(1);
  lines.push(`On ${label}, Sesame (JWT) adds ${share("allocated")} % of the allocation next-auth adds and ${share("promises")} % of its promises.`);
}
lines.push("");
writeFileSync(new URL("../results/http-work.md", import.meta.url), lines.join("\n"));
console.log(lines.join("\n"));
