/**
 * `npm run bench:http:page` / `npm run bench:http:api`: one protected route's auth overhead, Sesame's against
 * next-auth's, measured alone with the method of `load.bench.ts` and enough epochs to judge the ≤ 1/20
 * target at two standard errors.
 *
 * In the full run a route's figure has an error of ±15–50 µs on a mean near 100–160 µs, too wide to tell
 * 3.5 % of next-auth's overhead from 6 %. That error is the noise of the sample pairs: a pair's difference
 * spreads by ±500–900 µs per request on a page (a collection or a burst of compilation landing in one
 * sample of the pair and not the other; the control, whose two routes are identical, spreads as widely),
 * and samples four times as long spread only half as much, so the error shrinks with the time spent
 * sampling and nothing else. This run measures one route — the control, Sesame (JWT cookie) and next-auth
 * only, no throughput runs — and spends most of its sampling on Sesame, whose figure is the one judged
 * against 5 % (next-auth's overhead, 20 times larger, is known to 1–2 % from a quarter of the pairs). Each
 * epoch still starts the processes afresh, and the error is taken from the spread of the epochs' means, so
 * a difference between processes would show in it. It writes `bench/results/http-<route>.md`.
 *
 * The control app also serves a reference route: no auth, but reading the request through `headers()`, as
 * a Server Component or a Route Handler must to reach a cookie (`/request-page`: an async page awaiting it;
 * `/api/request`: an async handler). Its cost over the unprotected twin is what Next.js charges any route
 * that reads the request — on a page, React suspends on the async component and renders it in a second
 * pass — so it shows how much of a protected route's overhead is the framework's rather than the auth
 * library's.
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { buildApps, TARGETS } from "./servers.js";
import { mean, overheadTarget, sampleOverhead, Series, shown, startEpoch, warmUp, WARM_UP_SECONDS, CONNECTIONS, type Endpoint } from "./sampling.js";

const ROUTES = {
  page: {
    title: "the page",
    measured: { path: "/dashboard", twin: "/public", label: "protected page" },
    reference: { path: "/request-page", what: "an async page awaiting `headers()` and reading the cookie" },
  },
  api: {
    title: "the API route",
    measured: { path: "/api/me", twin: "/api/public", label: "protected API route" },
    reference: { path: "/api/request", what: "an async Route Handler awaiting `headers()` and reading the cookie" },
  },
} as const;

const route = ROUTES[process.argv[2] as keyof typeof ROUTES];
if (!route) throw new Error(`usage: target.bench.ts <${Object.keys(ROUTES).join(" | ")}> [--no-build]`);
const name = process.argv[2] as string;

const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const SESAME_ROUNDS = Number(process.env.BENCH_SESAME_ROUNDS ?? 4 * ROUNDS);
const SAMPLE_SECONDS = Number(process.env.BENCH_SAMPLE_SECONDS ?? 0.25);
const MEASURED: Endpoint = { ...route.measured, rounds: ROUNDS, focus: { app: "sesame", rounds: SESAME_ROUNDS } };
const REFERENCE: Endpoint = { path: route.reference.path, twin: route.measured.twin, label: "reading the request, no auth", rounds: ROUNDS, only: "baseline" };
const ENDPOINTS = [MEASURED, REFERENCE];

const targets = TARGETS.filter((target) => target.app === "baseline" || target.app === "next-auth" || (target.app === "sesame" && !target.database));
const label = (app: string) => targets.find((target) => target.app === app)?.label ?? app;

if (!process.argv.includes("--no-build")) buildApps();
const cpuSamples = new Series();
const cpuOverhead = new Series();
const sampleSizes = new Map<string, number>();
const started = Date.now();

for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const apps = await startEpoch(targets, 3420);
  try {
    await warmUp(apps, epoch, ENDPOINTS, epoch === 0 ? { seconds: SAMPLE_SECONDS, into: sampleSizes } : undefined);
    await sampleOverhead(apps, epoch, ENDPOINTS, sampleSizes, { cpu: cpuSamples, overhead: cpuOverhead });
    const overhead = (app: string, path = MEASURED.path) => mean(cpuOverhead.epochs(label(app), path)[epoch] ?? []).toFixed(0);
    console.log(
      `epoch ${epoch + 1}/${EPOCHS}: ${name} overhead (CPU, µs) control ${overhead("baseline")}, Sesame ${overhead("sesame")}, next-auth ${overhead("next-auth")}; reference ${overhead("baseline", REFERENCE.path)}`,
    );
  } finally {
    apps.stop();
  }
}

const minutes = Math.round((Date.now() - started) / 60_000);
const lines = [
  `# HTTP benchmark: ${title(route.title)}'s auth overhead`,
  "",
  `Node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}; ${new Date().toISOString()}; ${minutes} min.`,
  `The method of [http.md](http.md) on ${route.title} alone (\`${MEASURED.path}\`: proxy guard + \`auth()\`, against its unprotected twin \`${MEASURED.twin}\`), with the control, Sesame (JWT cookie) and next-auth only: ${EPOCHS} epochs, each starting the three apps afresh, a ${WARM_UP_SECONDS} s warm-up per app and route, then paired CPU samples (request counts sized to about ${SAMPLE_SECONDS} s, autocannon with ${CONNECTIONS} connections, the pair's order random and balanced over each two pairs): ${SESAME_ROUNDS} pairs for Sesame, ${ROUNDS} for next-auth and for the control, spread evenly among Sesame's. Each figure is the mean of the epochs' means ± its standard error from their spread.`,
  "",
  "| app | pairs | server CPU / request | auth overhead (CPU) | epochs' means: median (range) |",
  "| --- | ---: | ---: | ---: | ---: |",
];
for (const target of targets) {
  const epochMeans = cpuOverhead.epochs(target.label, MEASURED.path).map(mean).sort((a, b) => a - b);
  const middle = epochMeans[epochMeans.length >> 1] ?? 0;
  const control = target.app === "baseline" ? " (control)" : "";
  lines.push(
    `| ${target.label} | ${cpuSamples.all(target.label, MEASURED.path).length} | ${mean(cpuSamples.all(target.label, MEASURED.path)).toFixed(0)} µs | ${shown(cpuOverhead.overhead(target.label, MEASURED.path))}${control} | ${middle.toFixed(0)} (${epochMeans[0]?.toFixed(0)} … ${epochMeans.at(-1)?.toFixed(0)}) µs |`,
  );
}
const sesame = cpuOverhead.overhead(label("sesame"), MEASURED.path);
const reference = cpuOverhead.overhead(label("baseline"), REFERENCE.path);
const beyond = { mean: sesame.mean - reference.mean, error: Math.hypot(sesame.error, reference.error) };
lines.push(
  "",
  `Sesame's auth overhead on ${route.title} is ${overheadTarget(sesame, cpuOverhead.overhead(label("next-auth"), MEASURED.path))}.`,
  "",
  `Reference: the control app's \`${REFERENCE.path}\` (no auth; ${route.reference.what}, as any code that reads the request must) costs ${shown(reference)} over \`${MEASURED.twin}\`, measured the same way in the same processes as the control. Sesame's overhead beyond that is ${shown(beyond)}.`,
  "",
);
writeFileSync(new URL(`../results/http-${name}.md`, import.meta.url), lines.join("\n"));
console.log(lines.join("\n"));

function title(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
