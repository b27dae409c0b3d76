/**
 * Preloaded into the apps by `work.bench.ts` (`--import`): counts the work a window of requests makes the
 * server do, in units that do not depend on the machine's mood — bytes allocated (V8's sampling heap
 * profiler, every 1 KiB, counting objects the collector has already freed) and asynchronous resources
 * created (promises, `process.nextTick` callbacks, immediates, timers). SIGUSR2 opens a window; the next
 * SIGUSR2 closes it and writes the counts to `$WORK_METER_DIR/<pid>.json`.
 */
import { createHook } from "node:async_hooks";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { join } from "node:path";

const profiler = new Session();
profiler.connect();
let resources = {};
const counter = createHook({
  init(_id, type) {
    resources[type] = (resources[type] ?? 0) + 1;
  },
});
let open = false;

function allocatedBytes(node) {
  return node.children.reduce((sum, child) => sum + allocatedBytes(child), node.selfSize);
}

process.on("SIGUSR2", () => {
  if (!open) {
    open = true;
    resources = {};
    counter.enable();
    profiler.post("HeapProfiler.startSampling", { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    return;
  }
  open = false;
  counter.disable();
  profiler.post("HeapProfiler.stopSampling", (error, result) => {
    const counts = error ? { error: String(error) } : { allocated: allocatedBytes(result.profile.head), resources };
    writeFileSync(join(process.env.WORK_METER_DIR ?? ".", `${process.pid}.json`), JSON.stringify(counts));
  });
});
