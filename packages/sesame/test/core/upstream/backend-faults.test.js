/**
 * The sample backend slow (5 s per refresh) or down, with `tokens.timeout` at 1 s: every request that needs
 * a refresh answers within the time-out with `RefreshTokenError`, none is stuck, the session is kept with the
 * error (the documented default, docs/tokens.md), and once the backend is back a refresh succeeds — without
 * tripping the backend's reuse detection, even though the slow refresh was abandoned half-way.
 */
import { afterAll, afterEach, beforeAll, expect, test, vi } from "vitest";
import { startBackend } from "../../../../../examples/backend/backend.js";
import { Auth, getAccessToken } from "../../../src/index.js";
import Credentials from "../../../src/providers/credentials.js";
import { Browser, SECRET, sessionCookie } from "../../support/helpers.js";
import { sleep, timed } from "../../support/harness.js";
const TIMEOUT = 1_000;
/** Scheduling slack on a busy two-core machine. */
const MARGIN = 1_000;
const SLOW = 5_000;
const MINUTE = 60_000;
// The backend reads `refreshDelay` on every request: changing it here makes it slow or fast again.
const backendOptions = {};
let backend;
beforeAll(async () => {
    backend = await startBackend(backendOptions);
});
afterAll(() => backend.close());
afterEach(() => {
    vi.useRealTimers();
    backend.setDown(false);
    backendOptions.refreshDelay = 0;
});
const post = async (path, body) => {
    const response = await fetch(`${backend.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok)
        throw new Error(`${path} answered ${response.status}`);
    return (await response.json());
};
function app(overrides = {}) {
    return {
        secret: SECRET,
        trustHost: true,
        rateLimit: false,
        tokens: { timeoutSeconds: TIMEOUT / 1000 },
        logger: { warn: () => { } },
        providers: [
            Credentials({
                credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
                authorize: async ({ username, password }) => {
                    const response = await fetch(`${backend.url}/login`, { method: "POST", body: JSON.stringify({ username, password }) });
                    return response.ok ? { id: "1", name: "Alice Example", tokens: (await response.json()) } : null;
                },
                tokens: { refresh: ({ refreshToken }) => post("/refresh", { refresh: refreshToken }) },
            }),
        ],
        ...overrides,
    };
}
/** Signed in, with the access token expired a minute ago (the clock is moved, not waited for). */
async function expiredSession(config) {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date());
    const browser = new Browser(config);
    await browser.signIn({ username: "alice", password: "wonderland" });
    const before = await getAccessToken(browser.request("/"), config);
    expect(before.accessToken).toMatch(/^ey/);
    vi.setSystemTime(Date.now() + 16 * MINUTE);
    return { browser, before: before.accessToken };
}
/** 20 `getAccessToken` calls and 5 `/session` reads at once, each timed. */
async function burst(browser, config) {
    const tokens = Array.from({ length: 20 }, () => timed(() => getAccessToken(browser.request("/"), config)));
    const sessions = Array.from({ length: 5 }, () => timed(async () => {
        // Not through browser.fetch: the burst shares one cookie, as concurrent requests from one browser do.
        const response = await Auth(browser.request("/api/auth/session"), config);
        return { status: response.status, body: (await response.json()), cookies: response.headers.getSetCookie() };
    }));
    return { tokens: await Promise.all(tokens), sessions: await Promise.all(sessions) };
}
function expectCleanFailure({ tokens, sessions }, bound) {
    for (const { value, ms } of tokens) {
        expect(value).toMatchObject({ accessToken: null, error: "RefreshTokenError" });
        expect(ms).toBeLessThan(bound);
    }
    for (const { value, ms } of sessions) {
        // Kept with the error (onRefreshError "keep-session"): a 200 with the user, never a 500, cookie not cleared.
        expect(value.status).toBe(200);
        expect(value.body).toMatchObject({ user: { name: "Alice Example" }, error: "RefreshTokenError" });
        expect(value.cookies.filter((c) => /max-age=0/i.test(c))).toEqual([]);
        expect(ms).toBeLessThan(bound);
    }
}
// Regression: a refresh that outlived tokens.timeout released its claim; the next request presented the rotated-out refresh token again (reuse detected).
test("backend slow (5 s): every request fails with RefreshTokenError within the 1 s time-out, and the backend is asked once", async () => {
    const config = app();
    const { browser, before } = await expiredSession(config);
    const { refreshes, reuseDetections } = backend.stats;
    backendOptions.refreshDelay = SLOW;
    const started = performance.now();
    const first = await burst(browser, config);
    expectCleanFailure(first, TIMEOUT + MARGIN);
    // They did wait for the backend: a time-out, not some faster failure.
    expect(Math.min(...first.tokens.map((t) => t.ms))).toBeGreaterThan(TIMEOUT * 0.9);
    expect(backend.stats.refreshes - refreshes).toBe(1);
    expect(sessionCookie(browser)).toBeDefined();
    // While the abandoned refresh is still under way at the backend, more requests come: they fail within the
    // time-out too, and must not present the same refresh token a second time (the backend would see reuse).
    const second = await burst(browser, config);
    expectCleanFailure(second, TIMEOUT + MARGIN);
    expect(performance.now() - started).toBeLessThan(SLOW);
    expect(backend.stats.refreshes - refreshes).toBe(1);
    // The backend is fast again, and the abandoned refresh has had time to finish there. The slow backend is the
    // subject and says nothing when its delayed answer is done, so this waits out its delay.
    backendOptions.refreshDelay = 0;
    await sleep(Math.max(0, SLOW + 300 - (performance.now() - started)));
    const recovered = await timed(() => getAccessToken(browser.request("/"), config));
    expect(recovered.value.error).toBeUndefined();
    expect(recovered.value.accessToken).toMatch(/^ey/);
    expect(recovered.value.accessToken).not.toBe(before);
    expect(recovered.ms).toBeLessThan(TIMEOUT);
    expect((await fetch(`${backend.url}/me`, { headers: { authorization: `Bearer ${recovered.value.accessToken}` } })).status).toBe(200);
    expect(backend.stats.reuseDetections - reuseDetections).toBe(0);
    // The session now carries the rotated tokens: the next expiry refreshes normally (the family is not revoked).
    const response = await browser.fetch("/api/auth/session");
    expect(await response.json()).not.toHaveProperty("error");
    vi.setSystemTime(Date.now() + 16 * MINUTE);
    const next = await getAccessToken(browser.request("/"), config);
    expect(next.error).toBeUndefined();
    expect(next.accessToken).not.toBe(recovered.value.accessToken);
    expect(backend.stats.reuseDetections - reuseDetections).toBe(0);
}, 30_000);
test("backend down (503): every request fails fast with RefreshTokenError, the session is kept, and the next request after recovery refreshes", async () => {
    const config = app();
    const { browser, before } = await expiredSession(config);
    const { reuseDetections } = backend.stats;
    backend.setDown(true);
    const down = await burst(browser, config);
    expectCleanFailure(down, TIMEOUT + MARGIN);
    expect(sessionCookie(browser)).toBeDefined();
    // A down backend answers at once: so does Sesame.
    expect(Math.max(...down.tokens.map((t) => t.ms))).toBeLessThan(TIMEOUT);
    backend.setDown(false);
    const results = await Promise.all(Array.from({ length: 10 }, () => getAccessToken(browser.request("/"), config)));
    expect(results.every((r) => r.accessToken && r.accessToken !== before && !r.error)).toBe(true);
    expect(new Set(results.map((r) => r.accessToken)).size).toBe(1);
    expect(backend.stats.reuseDetections - reuseDetections).toBe(0);
    expect(await browser.session()).toMatchObject({ user: { name: "Alice Example" } });
    expect(await browser.session()).not.toHaveProperty("error");
});
test("backend refusing connections (its port closed): RefreshTokenError fast, session kept", async () => {
    const gone = await startBackend();
    let closed = false;
    const config = app({
        providers: [
            Credentials({
                authorize: async () => ({ id: "1", name: "Alice Example", tokens: await (await fetch(`${gone.url}/login`, { method: "POST", body: JSON.stringify({ username: "alice", password: "wonderland" }) })).json() }),
                tokens: {
                    refresh: async ({ refreshToken }) => {
                        if (!closed)
                            throw new Error("the backend should be closed by now");
                        const response = await fetch(`${gone.url}/refresh`, { method: "POST", body: JSON.stringify({ refresh: refreshToken }) });
                        return (await response.json());
                    },
                },
            }),
        ],
    });
    const { browser } = await expiredSession(config);
    await gone.close();
    closed = true;
    const result = await burst(browser, config);
    expectCleanFailure(result, TIMEOUT + MARGIN);
    expect(Math.max(...result.tokens.map((t) => t.ms))).toBeLessThan(TIMEOUT);
});
test('onRefreshError "end-session" ends it on a time-out too, as documented; the default keeps it', async () => {
    const ending = app({ tokens: { timeoutSeconds: TIMEOUT / 1000, onRefreshError: "end-session" } });
    const { browser } = await expiredSession(ending);
    backendOptions.refreshDelay = 2 * TIMEOUT;
    const { value: response, ms } = await timed(() => browser.fetch("/api/auth/session"));
    expect(ms).toBeLessThan(TIMEOUT + MARGIN);
    expect(await response.json()).toBeNull();
    expect(sessionCookie(browser)).toBeUndefined();
    // Let the slow refresh finish before the next test uses the backend (it signals nothing: wait out its delay).
    await sleep(2 * TIMEOUT);
});
