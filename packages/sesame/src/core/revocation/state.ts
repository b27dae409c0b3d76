/**
 * The revocation state each server process keeps in memory, so that checking a JWT session costs two map
 * lookups and no network call. Changes arrive by the store's channel (Redis pub/sub, PostgreSQL
 * LISTEN/NOTIFY, …); a periodic snapshot repairs anything missed. If the channel has been down longer than
 * `maxStaleness`, the policy decides: `"fail-closed"` (the default) refuses JWT sessions until it is back,
 * `"fail-open"` accepts them and logs.
 */
import type { Logger } from "../config.js";
import type { JWT } from "../types.js";
import type { RevocationChange, RevocationStore, RevocationSubscription } from "./store.js";

export interface RevocationOptions {
  store: RevocationStore;
  /** What to do when revocations may be missing. Default: `"fail-closed"`. */
  policy?: "fail-closed" | "fail-open";
  /** Seconds the channel may be down before the policy applies. Default: 10. */
  maxStaleness?: number;
  /** Seconds between full reloads from the store. Default: 30. */
  reconcileInterval?: number;
}

export type RevocationVerdict = "valid" | "revoked" | "unknown";

export class RevocationState {
  private readonly revoked = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  private subscription: RevocationSubscription | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Since when the channel has been down (ms), or undefined while connected. */
  private downSince: number | undefined = Date.now();
  private loaded = false;
  private started: Promise<void> | undefined;
  private warnedStale = false;

  constructor(
    private readonly options: RevocationOptions,
    private readonly logger: Logger,
  ) {}

  /** Connects and loads the first snapshot; idempotent. `ready` is true once that is done. */
  start(): Promise<void> {
    this.started ??= this.connect().then(() => {
      this.ready = true;
    });
    return this.started;
  }

  ready = false;

  private async connect() {
    this.subscription = await this.options.store.subscribe(
      (change) => this.apply(change),
      (connected) => {
        if (connected) {
          this.downSince = undefined;
          this.warnedStale = false;
          void this.reconcile();
        } else {
          this.downSince ??= Date.now();
        }
      },
    );
    await this.reconcile();
    this.timer = setInterval(() => void this.reconcile(), (this.options.reconcileInterval ?? 30) * 1000);
    // A background repair loop must not keep a process alive that has nothing else to do.
    (this.timer as { unref?: () => void }).unref?.();
  }

  async reconcile(): Promise<void> {
    try {
      const snapshot = await this.options.store.snapshot();
      const now = Date.now() / 1000;
      this.revoked.clear();
      for (const { jti, exp } of snapshot.sessions) if (exp > now) this.revoked.set(jti, exp);
      for (const { userId, version } of snapshot.versions) this.raise(userId, version);
      this.loaded = true;
    } catch (error) {
      this.logger.error(new Error("Could not load the revocation state.", { cause: error }));
    }
  }

  /** Revokes one session in the store; applied here at once, without waiting for the channel. */
  async revoke(jti: string, exp: number): Promise<void> {
    await this.options.store.revokeSession(jti, exp);
    this.apply({ type: "session", jti, exp });
  }

  /** Revokes every session of `userId`, here at once and everywhere through the channel. */
  async revokeUser(userId: string): Promise<void> {
    const version = await this.options.store.bumpUserVersion(userId);
    this.apply({ type: "user", userId, version });
  }

  apply(change: RevocationChange): void {
    if (change.type === "session") this.revoked.set(change.jti, change.exp);
    else this.raise(change.userId, change.version);
  }

  private raise(userId: string, version: number) {
    if (version > (this.versions.get(userId) ?? 0)) this.versions.set(userId, version);
  }

  /** The version new tokens of `userId` must carry. */
  versionOf(userId: string): number {
    return this.versions.get(userId) ?? 0;
  }

  /** Whether the token may be used: synchronous, in-memory. */
  check(token: JWT): RevocationVerdict {
    if (!this.loaded || this.isStale()) {
      if ((this.options.policy ?? "fail-closed") === "fail-closed") return "unknown";
    }
    const { jti } = token;
    const exp = jti ? this.revoked.get(jti) : undefined;
    if (jti && exp !== undefined) {
      if (exp * 1000 > Date.now()) return "revoked";
      // Expired revocations are pruned lazily: the token itself has expired by then too.
      this.revoked.delete(jti);
    }
    if (token.sub && (Number(token.ver) || 0) < this.versionOf(token.sub)) return "revoked";
    return "valid";
  }

  private isStale(): boolean {
    const stale = this.downSince !== undefined && Date.now() - this.downSince > (this.options.maxStaleness ?? 10) * 1000;
    if (stale && !this.warnedStale) {
      this.warnedStale = true;
      this.logger.warn(
        "RevocationStale",
        `The revocation channel has been down for over ${this.options.maxStaleness ?? 10} s; policy ${this.options.policy ?? "fail-closed"} applies.`,
      );
    }
    return stale;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.subscription?.close();
  }
}
