/**
 * How the HTTP benchmarks measure auth overhead: apps started afresh for each epoch, loaded by autocannon,
 * and short server-CPU samples of a protected route paired with its unprotected twin's. The reasons for each
 * choice are in `load.bench.ts`, which reports everything; `target.bench.ts` uses the same method on
 * one route alone, with more epochs.
 */
import autocannon from "autocannon";
import { serverCpuMs, signIn, startApp, type RunningApp, type Target } from "./servers.js";

export const CONNECTIONS = 10;
/** Rendering a page takes Node several seconds of load to compile to its fastest form. */
export const WARM_UP_SECONDS = 4;

export interface Endpoint {
  path: string;
  /** The same response without the auth library. */
  twin: string;
  label: string;
  /** CPU sample pairs per app and epoch. */
  rounds: number;
  /**
   * More pairs for one app, the one whose figure is being judged: the noise of a pair's difference is
   * about as large per second sampled whatever the sample's length (it comes from collections and
   * compilations landing in one sample or the other), so only the time spent sampling an app shrinks its
   * error. The other apps' pairs are spread evenly among the focused app's.
   */
  focus?: { app: Target["app"]; rounds: number };
  /** Measured in this app only (a reference route that the other apps do not have). */
  only?: Target["app"];
}

const servedBy = (app: RunningApp) => (endpoint: Endpoint) => endpoint.only === undefined || endpoint.only === app.target.app;

const roundsOf = (endpoint: Endpoint, app: Target["app"]) => (endpoint.focus?.app === app ? endpoint.focus.rounds : endpoint.rounds);

/** Whether an app with `own` rounds samples in round `round` of `all`: `own` of them, evenly spaced. */
const samplesIn = (round: number, own: number, all: number) => Math.floor(((round + 1) * own) / all) > Math.floor((round * own) / all);

export type Bound = { duration: number } | { amount: number };

export interface Run {
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU time per completed request, µs. */
  cpu: number;
}

export async function load(app: RunningApp, cookie: string, path: string, bound: Bound): Promise<Run> {
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

/**
 * A protected route's run and its twin's, one right after the other, the twin's first or second as told
 * (see `pairOrder`). Returns [protected, twin].
 */
export async function backToBack(twinFirst: boolean, path: string, twin: string, run: (route: string) => Promise<Run>): Promise<[Run, Run]> {
  if (twinFirst) {
    const twinRun = await run(twin);
    return [await run(path), twinRun];
  }
  const protectedRun = await run(path);
  return [protectedRun, await run(twin)];
}

/**
 * Whether the twin goes first in a pair of CPU samples: random, but each two consecutive pairs of an app
 * and route hold one pair of each order, so a drift of the machine across them still cancels. A fixed
 * alternation (P T, T P, P T, …) does not do: a page's major GC comes every ~16 samples, a multiple of the
 * alternation's period of 4, so it landed on the same route of its pair many times in a row and moved a
 * whole epoch's mean by ±150 µs per request. Random order makes where each GC lands independent.
 */
function pairOrder(): (key: string, pair: number) => boolean {
  const twinFirstInBlock = new Map<string, boolean>();
  return (key, pair) => {
    if (pair % 2 === 0) twinFirstInBlock.set(key, Math.random() < 0.5);
    const twinFirst = twinFirstInBlock.get(key) ?? false;
    return pair % 2 === 0 ? twinFirst : !twinFirst;
  };
}

export const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export interface Estimate {
  mean: number;
  error: number;
}

/** The mean of the epochs' means, with its standard error from their spread. */
export function acrossEpochs(epochMeans: number[]): Estimate {
  const m = mean(epochMeans);
  const variance = epochMeans.reduce((sum, v) => sum + (v - m) ** 2, 0) / Math.max(1, epochMeans.length - 1);
  return { mean: m, error: Math.sqrt(variance / epochMeans.length) };
}

export const shown = ({ mean: m, error }: Estimate) => `${m.toFixed(0)} ± ${error.toFixed(0)} µs`;

/**
 * The target: Sesame's auth overhead at most 1/20 of next-auth's. It counts as met only when the upper end
 * of Sesame's figure, its mean plus two standard errors, is within it.
 */
export function overheadTarget(sesame: Estimate, nextAuth: Estimate): string {
  const share = sesame.mean / nextAuth.mean;
  const upper = (sesame.mean + 2 * sesame.error) / nextAuth.mean;
  const verdict = upper <= 0.05 ? "met" : share <= 0.05 ? "met on the mean, not at two standard errors" : "not met";
  return `${(share * 100).toFixed(1)} % of next-auth's in server CPU (${(upper * 100).toFixed(1)} % at two standard errors; target ≤ 5 %: ${verdict})`;
}

/** Values per app and path, kept by epoch. */
export class Series {
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
  /** The mean over epochs of each epoch's mean, ± its standard error. */
  overhead(app: string, path: string): Estimate {
    return acrossEpochs(this.epochs(app, path).map(mean));
  }
}

type Visit = (app: RunningApp, cookie: string, label: string) => Promise<void>;

/** One epoch's apps, started afresh and signed in. */
export interface EpochApps {
  /** Visits every app, the order rotated by `turn` so no app always runs first (or last) on a warming or cooling machine. */
  each(turn: number, visit: Visit): Promise<void>;
  stop(): void;
}

export async function startEpoch(targets: readonly Target[], firstPort: number): Promise<EpochApps> {
  const apps: RunningApp[] = [];
  try {
    for (const [index, target] of targets.entries()) apps.push(await startApp(target, firstPort + index));
    const cookies = await Promise.all(apps.map((app) => signIn(app)));
    // The app with no auth is sent Sesame's cookie: Next.js parses it there too.
    const sesameCookie = cookies[targets.findIndex((target) => target.app === "sesame")] ?? "";
    for (const [index, target] of targets.entries()) if (target.app === "baseline") cookies[index] = sesameCookie;
    return {
      async each(turn, visit) {
        for (let i = 0; i < apps.length; i++) {
          const index = (i + turn) % apps.length;
          await visit(apps[index] as RunningApp, cookies[index] ?? "", targets[index]?.label ?? "");
        }
      },
      stop: () => apps.forEach((app) => app.stop()),
    };
  } catch (error) {
    for (const app of apps) app.stop();
    throw error;
  }
}

/**
 * Warms every app's routes (JIT, caches, pools); `sampleSizes`, when given, learns each app and route's
 * CPU sample size: the requests its twin serves in `sampleSeconds`. A pair's two samples get the same request
 * count, so the cost of opening connections is spread the same way over both.
 */
export async function warmUp(epoch: EpochApps, turn: number, endpoints: readonly Endpoint[], sampleSizes?: { seconds: number; into: Map<string, number> }) {
  await epoch.each(turn, async (app, cookie, label) => {
    for (const { path, twin } of endpoints.filter(servedBy(app))) {
      await load(app, cookie, path, { duration: WARM_UP_SECONDS });
      const warm = await load(app, cookie, twin, { duration: WARM_UP_SECONDS });
      sampleSizes?.into.set(`${label} ${path}`, Math.max(50, Math.round(warm.rps * sampleSizes.seconds)));
    }
  });
}

/**
 * Rounds of CPU sample pairs: in each, every app serves its protected route and then its twin, or the other
 * way round, for the same number of requests. Records each protected sample's CPU per request and its
 * difference from the twin's.
 */
export async function sampleOverhead(
  epoch: EpochApps,
  epochIndex: number,
  endpoints: readonly Endpoint[],
  sampleSizes: Map<string, number>,
  record: { cpu: Series; overhead: Series },
) {
  const twinFirst = pairOrder();
  const pairsTaken = new Map<string, number>();
  const rounds = Math.max(...endpoints.flatMap((endpoint) => [endpoint.rounds, endpoint.focus?.rounds ?? 0]));
  for (let round = 0; round < rounds; round++) {
    for (const endpoint of endpoints) {
      const { path, twin } = endpoint;
      await epoch.each(round, async (app, cookie, label) => {
        if (!servedBy(app)(endpoint) || !samplesIn(round, roundsOf(endpoint, app.target.app), rounds)) return;
        const key = `${label} ${path}`;
        const taken = pairsTaken.get(key) ?? 0;
        pairsTaken.set(key, taken + 1);
        const sample = (route: string) => load(app, cookie, route, { amount: sampleSizes.get(key) ?? 100 });
        const [protectedSample, twinSample] = await backToBack(twinFirst(key, taken), path, twin, sample);
        record.cpu.add(label, path, epochIndex, protectedSample.cpu);
        record.overhead.add(label, path, epochIndex, protectedSample.cpu - twinSample.cpu);
      });
    }
  }
}
