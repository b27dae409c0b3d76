/**
 * A Redis that is going away, or coming back, accepts a connection and drops it in the middle of the
 * client's handshake (a server shutting down, a container restarting, a proxy in front of a failed node).
 * node-redis before 6.2 could take such a connection for a ready one and then wait forever on it: every
 * command of that store hung until the guard's time-out, and kept hanging after Redis was back (node-redis
 * #3104, #3346). That is how a flaky CI run found it: a session check during a kill/restart of Redis.
 *
 * Here a TCP proxy in front of the shared Redis plays that server: it forwards, or it accepts each connection
 * and resets it at once. What must hold for every Redis store: while Redis drops connections, commands fail
 * (promptly: no hang), and once it answers again the same store works again, without a restart of the app.
 */
import { once } from "node:events";
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { RedisRateLimitStore, RedisRevocationStore, RedisTokenStore } from "../../src/adapters/redis.node.js";
import { withTimeout } from "../../src/core/timeout.js";

/** A proxy to the shared Redis that can switch between forwarding and resetting every connection it accepts. */
class FlappingProxy {
  mode: "forward" | "reset" = "forward";
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((client) => {
    if (this.mode === "reset") {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host: "127.0.0.1", port: 6379 });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("error", () => {}).on("close", () => this.sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });

  get url(): string {
    return `redis://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async listen(): Promise<void> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
  }

  /** Redis goes away: open connections are reset, and new ones are accepted and reset at once. */
  goDown(): void {
    this.mode = "reset";
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  comeBack(): void {
    this.mode = "forward";
  }

  async close(): Promise<void> {
    this.goDown();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A command may fail while Redis is down, but never hang: the stores promise to fail at once. */
const PROMPT_MS = 3_000;

async function settlesPromptly(work: Promise<unknown>): Promise<"ok" | "failed"> {
  return withTimeout(
    work.then(
      () => "ok" as const,
      () => "failed" as const,
    ),
    PROMPT_MS,
    () => new Error(`a Redis command neither succeeded nor failed within ${PROMPT_MS} ms`),
  );
}

/** Polls `work` until it succeeds, for up to `ms`; each attempt must settle promptly. */
async function worksAgainWithin(ms: number, work: () => Promise<unknown>): Promise<void> {
  const deadline = performance.now() + ms;
  for (;;) {
    if ((await settlesPromptly(work())) === "ok") return;
    if (performance.now() > deadline) throw new Error(`the store did not work again within ${ms} ms of Redis coming back`);
    await sleep(100);
  }
}

const stores = (url: string) => {
  const prefix = `flap:${crypto.randomUUID()}:`;
  const tokens = RedisTokenStore({ url, prefix, connectTimeout: 300 });
  const limits = RedisRateLimitStore({ url, prefix, connectTimeout: 300 });
  const revocation = RedisRevocationStore({ url, prefix, connectTimeout: 300 });
  const expiresAt = Math.floor(Date.now() / 1000) + 60;
  return {
    "RedisTokenStore": async () => {
      await tokens.set("s1", { sealed: "kept", userId: "u1", expiresAt });
      expect(await tokens.get("s1")).toBe("kept");
    },
    "RedisRateLimitStore": async () => {
      expect((await limits.hit("k", 60)).count).toBeGreaterThan(0);
    },
    "RedisRevocationStore": async () => {
      await revocation.revokeSession("jti-1", expiresAt);
      expect((await revocation.snapshot()).sessions).toContainEqual({ jti: "jti-1", exp: expiresAt });
    },
  };
};

describe("Redis dropping connections during the client's handshake", () => {
  const proxy = new FlappingProxy();
  beforeAll(() => proxy.listen());
  afterAll(() => proxy.close());

  test("every store fails promptly while it drops them, and works again once Redis answers", async () => {
    const uses = Object.entries(stores(proxy.url));
    for (const [, use] of uses) await use();

    // Several rounds: the race is between the reset and the handshake's replies, so one round can miss it.
    for (let round = 0; round < 5; round++) {
      proxy.goDown();
      // The clients reconnect on their back-off into connections that are reset mid-handshake.
      const downUntil = performance.now() + 1_200;
      while (performance.now() < downUntil) {
        for (const [name, use] of uses) expect(await settlesPromptly(use()), name).toBe("failed");
        await sleep(50);
      }
      proxy.comeBack();
      for (const [, use] of uses) await worksAgainWithin(5_000, use);
    }
  }, 90_000);
});
