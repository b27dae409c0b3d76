// Second server process for persistence.bench.ts: subscribes to Redis revocations and reports when each one arrives.
import { performance } from "node:perf_hooks";
import { RedisRevocationStore } from "sesame-auth/adapters/redis";

export type ListenerMessage = { type: "subscribed" } | { type: "change"; userId: string; at: number };

const prefix = process.argv[2];
const send = process.send?.bind(process);
if (!prefix || !send) throw new Error("fork this script with a key prefix as its argument and an IPC channel");
const report = (message: ListenerMessage) => send(message);

const subscription = await RedisRevocationStore({ prefix }).subscribe(
  (change) => {
    // Stamped before anything else runs, on the same clock as the parent's send time.
    const at = performance.timeOrigin + performance.now();
    if (change.type === "user") report({ type: "change", userId: change.userId, at });
  },
  () => {},
);
report({ type: "subscribed" });

// The parent closing the IPC channel is the signal to stop; the subscription must be closed or Redis keeps the process alive.
process.once("disconnect", () => {
  void subscription.close().finally(() => process.exit(0));
});
