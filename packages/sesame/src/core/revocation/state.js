import { CLOCK_TOLERANCE_SECONDS, nowSeconds } from "../clock.js";
/** Delays between attempts to connect or load while the store is unreachable: 100 ms doubling up to 2 s. */
const retryDelayMs = (attempt) => Math.min(100 * 2 ** attempt, 2_000);
export class RevocationState {
    options;
    logger;
    /** Revoked token ids, each until when its revocation must be kept (seconds since the epoch). */
    revoked = new Map();
    versions = new Map();
    subscription;
    timer;
    /** Since when the channel has been down (ms), or undefined while connected. */
    downSince = Date.now();
    loaded = false;
    started;
    closed = false;
    /** Wakes a retry loop sleeping between attempts (on close). */
    wake;
    warnedStale = false;
    loadFailing = false;
    constructor(options, logger) {
        this.options = options;
        this.logger = logger;
    }
    /**
     * Starts connecting and loading (idempotent). Resolves once the state is loaded or `startTimeout` has
     * passed, whichever is first, and never rejects; `ready` is true from then on, so later requests no longer
     * wait. Loading goes on in the background until it succeeds.
     */
    start() {
        this.started ??= new Promise((resolve) => {
            const timer = setTimeout(resolve, this.options.startTimeoutSeconds * 1000);
            timer.unref?.();
            void this.connect().finally(() => {
                clearTimeout(timer);
                resolve();
            });
        }).then(() => {
            this.ready = true;
            if (!this.loaded && !this.closed) {
                this.logger.warn("RevocationUnavailable", `The revocation store did not answer within ${this.options.startTimeoutSeconds} s; policy ${this.options.policy} applies until it does (retrying in the background).`);
            }
        });
        return this.started;
    }
    /** True once `start()` has finished waiting: requests check without awaiting anything. */
    ready = false;
    /** Subscribes, then loads the first snapshot, retrying each until it succeeds or the state is closed. */
    async connect() {
        for (let attempt = 0; !this.closed && !this.subscription; attempt++) {
            try {
                const subscription = await this.options.store.subscribe((change) => this.apply(change), (connected) => {
                    if (connected) {
                        this.downSince = undefined;
                        this.warnedStale = false;
                        void this.reconcile();
                    }
                    else {
                        this.downSince ??= Date.now();
                    }
                });
                if (this.closed)
                    await subscription.close();
                else
                    this.subscription = subscription;
            }
            catch (error) {
                if (attempt === 0)
                    this.logger.error(new Error("Could not subscribe to revocations; retrying.", { cause: error }));
                await this.pause(retryDelayMs(attempt));
            }
        }
        if (this.closed)
            return;
        this.timer = setInterval(() => void this.reconcile(), this.options.reconcileIntervalSeconds * 1000);
        // A background repair loop must not keep a process alive that has nothing else to do.
        this.timer.unref?.();
        for (let attempt = 0; !this.closed && !this.loaded; attempt++) {
            await this.reconcile();
            if (!this.loaded)
                await this.pause(retryDelayMs(attempt));
        }
    }
    pause(ms) {
        return new Promise((resolve) => {
            const timer = setTimeout(resolve, ms);
            timer.unref?.();
            this.wake = () => {
                clearTimeout(timer);
                resolve();
            };
        });
    }
    /**
     * Loads the store's snapshot. Merged, never replacing: a revocation is never undone, and one that arrived
     * by the channel while the snapshot was on its way must not be forgotten by it.
     */
    async reconcile() {
        try {
            const snapshot = await this.options.store.snapshot();
            const now = Date.now() / 1000;
            for (const [jti, until] of this.revoked)
                if (until <= now)
                    this.revoked.delete(jti);
            for (const { jti, exp } of snapshot.sessions)
                if (exp > now)
                    this.keep(jti, exp);
            for (const { userId, version } of snapshot.versions)
                this.raise(userId, version);
            this.loaded = true;
            this.loadFailing = false;
        }
        catch (error) {
            // Once per outage: the retry loop would otherwise log every attempt. After close(), failing is expected.
            if (!this.loadFailing && !this.closed)
                this.logger.error(new Error("Could not load the revocation state.", { cause: error }));
            this.loadFailing = true;
        }
    }
    /**
     * Revokes one session in the store; applied here at once, without waiting for the channel. The revocation
     * is kept for as long as any copy of the token can be accepted: a copy renewed just now (by this or another
     * process, before it heard of the revocation) lives `session.maxAge` more, is accepted
     * `CLOCK_TOLERANCE_SECONDS` past that, and a process may renew it for as long as it can miss the change
     * (`maxStaleness` with the channel down, `reconcileInterval` if a message is lost).
     */
    async revoke(jti, exp) {
        const now = nowSeconds();
        const until = Math.max(exp, now + this.options.sessionMaxAgeSeconds) + CLOCK_TOLERANCE_SECONDS + Math.ceil(this.options.maxStalenessSeconds + this.options.reconcileIntervalSeconds);
        await this.options.store.revokeSession(jti, until);
        this.apply({ type: "session", jti, exp: until });
    }
    /** Revokes every session of `userId`, here at once and everywhere through the channel. */
    async revokeUser(userId) {
        const version = await this.options.store.bumpUserVersion(userId);
        this.apply({ type: "user", userId, version });
    }
    apply(change) {
        if (change.type === "session")
            this.keep(change.jti, change.exp);
        else
            this.raise(change.userId, change.version);
    }
    /** Records a revocation, keeping the later end if the id is already revoked. */
    keep(jti, until) {
        if (until > (this.revoked.get(jti) ?? 0))
            this.revoked.set(jti, until);
    }
    raise(userId, version) {
        if (version > (this.versions.get(userId) ?? 0))
            this.versions.set(userId, version);
    }
    /** The version new tokens of `userId` must carry. */
    versionOf(userId) {
        return this.versions.get(userId) ?? 0;
    }
    /**
     * Whether every revocation made elsewhere is known here (loaded, channel not stale). Tokens are only given a
     * new lifetime while it is: under `fail-open` a token revoked during an outage may still be accepted, but
     * never extended past what the revocation's lifetime covers.
     */
    get current() {
        return this.loaded && (this.downSince === undefined || Date.now() - this.downSince <= this.options.maxStalenessSeconds * 1000);
    }
    /** Whether the token may be used: synchronous, in-memory. */
    check(token) {
        if (!this.loaded || this.isStale()) {
            if (this.options.policy === "fail-closed")
                return "unknown";
        }
        const { jti } = token;
        const until = jti ? this.revoked.get(jti) : undefined;
        if (jti && until !== undefined) {
            if (until * 1000 > Date.now())
                return "revoked";
            // Expired revocations are pruned lazily: every copy of the token has expired by then too.
            this.revoked.delete(jti);
        }
        if (token.sub && (Number(token.ver) || 0) < this.versionOf(token.sub))
            return "revoked";
        return "valid";
    }
    isStale() {
        const stale = this.downSince !== undefined && Date.now() - this.downSince > this.options.maxStalenessSeconds * 1000;
        if (stale && !this.warnedStale) {
            this.warnedStale = true;
            this.logger.warn("RevocationStale", `The revocation channel has been down for over ${this.options.maxStalenessSeconds} s; policy ${this.options.policy} applies.`);
        }
        return stale;
    }
    async close() {
        this.closed = true;
        this.wake?.();
        clearInterval(this.timer);
        await this.subscription?.close();
    }
}
