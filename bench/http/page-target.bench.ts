/**
 * `npm run bench:http:page`: the page's auth overhead, Sesame's against next-auth's, measured alone with the
 * method of `load.bench.ts` and enough epochs to judge the ≤ 1/20 target at two standard errors.
 *
 * In the full run the page's figure has an error of ±30–50 µs on a mean near 120 µs, too wide to tell 3.5 %
 * of next-auth's overhead from 6 %. Most of that error is between epochs: each starts its server processes
 * afresh, and a process's page overhead differs from the next one's by about ±60 µs for reasons outside the
 * auth code (profiles put Sesame's own frames at the same ~100 µs in every process). Only more processes
 * shrink that, so this run spends its time on many short epochs — the control, Sesame (JWT cookie) and
 * next-auth only, the page only, no throughput runs — and writes `bench/results/http-page.md`.
 */
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { buildApps, TARGETS } from "./servers.js";
import { mean, overheadTarget, sampleOverhead, Series, shown, startEpoch, warmUp, WARM_UP_SECONDS, CONNECTIONS, type Endpoint } from "./sampling.js";

const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 30);
const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 30);
const SAMPLE_SECONDS = Number(process.env.BENCH_SAMPLE_SECONDS ?? 0.25);
const PAGE: Endpoint = { path: "/dashboard", twin: "/public", label: "protected page", rounds: ROUNDS };

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
    await warmUp(apps, epoch, [PAGE], epoch === 0 ? { seconds: SAMPLE_SECONDS, into: sampleSizes } : undefined);
    await sampleOverhead(apps, epoch, [PAGE], sampleSizes, { cpu: cpuSamples, overhead: cpuOverhead });
    const overhead = (app: string) => mean(cpuOverhead.epochs(label(app), PAGE.path)[epoch] ?? []).toFixed(0);
    console.log(`epoch ${epoch + 1}/${EPOCHS}: page overhead (CPU, µs) control ${overhead("baseline")}, Sesame ${overhead("sesame")}, next-auth ${overhead("next-auth")}`);
  } finally {
    apps.stop();
  }
}

const minutes = Math.round((Date.now() - started) / 60_000);
const lines = [
  "# HTTP benchmark: the page's auth overhead",
  "",
  `Node ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}; ${new Date().toISOString()}; ${minutes} min.`,
  `The method of [http.md](http.md) on the protected page alone (\`/dashboard\`: proxy guard + \`auth()\` in the page, against its unprotected twin \`/public\`), with the control, Sesame (JWT cookie) and next-auth only: ${EPOCHS} epochs, each starting the three apps afresh, a ${WARM_UP_SECONDS} s warm-up per app and route, then ${ROUNDS} rounds of paired CPU samples (request counts sized to about ${SAMPLE_SECONDS} s, autocannon with ${CONNECTIONS} connections, the pair's order random and balanced over each two rounds). Each figure is the mean of the epochs' means ± its standard error from their spread.`,
  "",
  "| app | server CPU / request | auth overhead (CPU) | epochs' means: median (range) |",
  "| --- | ---: | ---: | ---: |",
];
for (const target of targets) {
  const epochMeans = cpuOverhead.epochs(target.label, PAGE.path).map(mean).sort((a, b) => a - b);
  const middle = epochMeans[epochMeans.length >> 1] ?? 0;
  const control = target.app === "baseline" ? " (control)" : "";
  lines.push(
    `| ${target.label} | ${mean(cpuSamples.all(target.label, PAGE.path)).toFixed(0)} µs | ${shown(cpuOverhead.overhead(target.label, PAGE.path))}${control} | ${middle.toFixed(0)} (${epochMeans[0]?.toFixed(0)} … ${epochMeans.at(-1)?.toFixed(0)}) µs |`,
  );
}
lines.push("", `Sesame's auth overhead on the page is ${overheadTarget(cpuOverhead.overhead(label("sesame"), PAGE.path), cpuOverhead.overhead(label("next-auth"), PAGE.path))}.`, "");
writeFileSync(new URL("../results/http-page.md", import.meta.url), lines.join("\n"));
console.log(lines.join("\n"));
