/**
 * `npm run bench:http`, part two: a bounded soak. Sesame's app (JWT cookie sessions) under a steady load for
 * `SOAK_MINUTES` (default 10) from a pool of distinct signed-in sessions — more than its decoded-session cache
 * holds, so the cache fills, evicts and must stay bounded — with the server's resident memory sampled every
 * 10 s. Growth is judged between the first and the last minute, after the warm-up has filled the caches.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import { signIn, startApp, TARGETS, type RunningApp } from "./servers.js";

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 12_000);
const RATE = 150; // requests per second: steady and below saturation
const SAMPLE_MS = 10_000;
const GROWTH_LIMIT = 0.1;

/** Resident memory of the app's process group (`next start` and anything it forks), in MiB. */
function residentMiB(app: RunningApp): number {
  let kib = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const processGroup = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (processGroup !== app.process.pid) continue;
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return kib / 1024;
}

const target = TARGETS.find((t) => t.app === "sesame" && !t.database);
if (!target) throw new Error("no Sesame JWT target");
const app = await startApp(target, 3450);
try {
  const cookies: string[] = [];
  // Sign-ins in parallel batches: 12 000 of them one after another would take minutes.
  while (cookies.length < SESSIONS) cookies.push(...(await Promise.all(Array.from({ length: 20 }, () => signIn(app)))));
  let next = 0;
  const samples: { minute: number; mib: number }[] = [];
  const started = performance.now();
  const timer = setInterval(() => {
    const sample = { minute: (performance.now() - started) / 60_000, mib: residentMiB(app) };
    samples.push(sample);
    console.log(`${sample.minute.toFixed(1)} min: ${sample.mib.toFixed(1)} MiB`);
  }, SAMPLE_MS);
  const result = await autocannon({
    url: `${app.origin}/api/me`,
    connections: 10,
    overallRate: RATE,
    duration: MINUTES * 60,
    requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: cookies[next++ % cookies.length] ?? "" } }) }],
  });
  clearInterval(timer);
  const firstMinute = samples.filter((s) => s.minute <= 1).map((s) => s.mib);
  const lastMinute = samples.filter((s) => s.minute >= MINUTES - 1).map((s) => s.mib);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
  const growth = mean(lastMinute) / mean(firstMinute) - 1;
  const ok = result.non2xx === 0 && result.errors === 0 && result.timeouts === 0;
  const lines = [
    "# Soak",
    "",
    `Node ${process.version}; ${new Date().toISOString()}. Sesame's benchmark app (JWT cookie sessions) under \`next start\`, ${MINUTES} min at ${RATE} req/s on \`/api/me\` (proxy guard + \`auth()\`), rotating through ${SESSIONS} distinct signed-in cookies (more than the 10 000 entries of the decoded-session cache); resident memory of the server's process group every ${SAMPLE_MS / 1000} s.`,
    "",
    `| requests | non-2xx | errors | p50 | p99 | RSS, first minute | RSS, last minute | growth |`,
    `| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    `| ${result.requests.total} | ${result.non2xx} | ${result.errors + result.timeouts} | ${result.latency.p50} ms | ${result.latency.p99} ms | ${mean(firstMinute).toFixed(1)} MiB | ${mean(lastMinute).toFixed(1)} MiB | ${(growth * 100).toFixed(1)} % |`,
    "",
    `Samples (minute: MiB): ${samples.map((s) => `${s.minute.toFixed(1)}: ${s.mib.toFixed(0)}`).join(", ")}`,
    "",
    `Target: every request answered 200 and memory growth from the first to the last minute under ${GROWTH_LIMIT * 100} %: ${ok && growth < GROWTH_LIMIT ? "met" : "not met"}.`,
    "",
  ];
  writeFileSync(new URL("../results/soak.md", import.meta.url), lines.join("\n"));
  console.log(lines.join("\n"));
} finally {
  app.stop();
}
