// @vitest-environment jsdom
/**
 * `sesame-auth/react` with React Testing Library. The "server" is the real `Auth()` behind the tab's fetch, with
 * a cookie jar as the browser keeps one; tabs are separate module instances joined by a real BroadcastChannel.
 */
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { createElement, useEffect } from "react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { Browser, config } from "../support/helpers.js";
let server;
let requests;
/** A fresh tab: its own copy of the client module (its own store), sharing the browser's cookies. */
async function openTab() {
    vi.resetModules();
    return import("../../src/react/index.js");
}
beforeEach(() => {
    server = new Browser(config({ rateLimit: false, callbacks: { jwt: ({ token, trigger, session }) => (trigger === "update" ? { ...token, name: String(session?.name) } : token) } }));
    requests = [];
    vi.stubGlobal("fetch", async (input, init) => {
        const url = new URL(String(input), window.location.href);
        requests.push(`${init?.method ?? "GET"} ${url.pathname}`);
        return server.fetch(url.pathname + url.search, init);
    });
});
afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
});
function Status({ tab, options }) {
    const { data, status } = tab.useSession(options);
    return createElement("p", { "data-testid": "status" }, `${status}:${data?.user?.name ?? "-"}`);
}
const renderTab = (tab, options, props = {}) => render(createElement(tab.SessionProvider, props, createElement(Status, { tab, options })));
describe("useSession", () => {
    test("loading, then unauthenticated; after signIn(credentials, { redirect: false }) authenticated", async () => {
        const tab = await openTab();
        renderTab(tab);
        expect(screen.getByTestId("status").textContent).toBe("loading:-");
        await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("unauthenticated:-"));
        let result;
        await act(async () => {
            result = await tab.signIn("credentials", { username: "alice", password: "wonderland", redirect: false });
        });
        expect(result).toMatchObject({ ok: true, error: undefined });
        await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("authenticated:Alice"));
    });
    // Regression: SessionProvider ignored a new server session prop (and then counted the new page as signed out for one render).
    test("a new session prop from the server (soft navigation after a sign-in action) is taken up", async () => {
        const tab = await openTab();
        const onUnauthenticated = vi.fn();
        const view = renderTab(tab, { required: true, onUnauthenticated }, { session: null });
        const signedOutCalls = onUnauthenticated.mock.calls.length;
        const session = { user: { name: "Alice" }, expires: new Date(Date.now() + 60_000).toISOString() };
        view.rerender(createElement(tab.SessionProvider, { session }, createElement(Status, { key: "next-page", tab, options: { required: true, onUnauthenticated } })));
        expect(screen.getByTestId("status").textContent).toBe("authenticated:Alice");
        // The new page (mounted with the new session) never counted as signed out, not even for one render.
        expect(onUnauthenticated).toHaveBeenCalledTimes(signedOutCalls);
    });
    test("wrong credentials: { error: CredentialsSignin, code, ok: false } and no session", async () => {
        const tab = await openTab();
        const result = await tab.signIn("credentials", { username: "alice", password: "nope", redirect: false });
        expect(result).toMatchObject({ error: "CredentialsSignin", code: "credentials", ok: false, url: null });
        expect(await tab.getSession()).toBeNull();
    });
    test("never more than one /session request in flight: concurrent callers share it", async () => {
        const tab = await openTab();
        const results = await Promise.all([tab.getSession(), tab.getSession(), tab.getSession(), tab.getSession()]);
        expect(results).toEqual([null, null, null, null]);
        expect(requests.filter((r) => r === "GET /api/auth/session")).toHaveLength(1);
    });
    test("getCsrfToken and getProviders have NextAuth's shapes", async () => {
        const tab = await openTab();
        expect(await tab.getCsrfToken()).toMatch(/^[\w-]{43}$/);
        expect(await tab.getProviders()).toMatchObject({ credentials: { id: "credentials", type: "credentials", signinUrl: expect.stringContaining("/api/auth/signin/credentials") } });
    });
    test("required: no session calls onUnauthenticated and reports loading, not unauthenticated", async () => {
        const tab = await openTab();
        const onUnauthenticated = vi.fn();
        renderTab(tab, { required: true, onUnauthenticated });
        await waitFor(() => expect(onUnauthenticated).toHaveBeenCalled());
        expect(screen.getByTestId("status").textContent).toBe("loading:-");
    });
    test("required: a session whose refresh failed counts as signed out", async () => {
        const tab = await openTab();
        const onUnauthenticated = vi.fn();
        const broken = { user: { name: "Alice" }, expires: new Date(Date.now() + 60_000).toISOString(), error: "RefreshTokenError" };
        renderTab(tab, { required: true, onUnauthenticated }, { session: broken });
        await waitFor(() => expect(onUnauthenticated).toHaveBeenCalled());
    });
    test("refetchInterval and refetchOnWindowFocus fetch the session again", async () => {
        const tab = await openTab();
        renderTab(tab, undefined, { refetchInterval: 0.1 });
        await waitFor(() => expect(requests.filter((r) => r === "GET /api/auth/session").length).toBeGreaterThanOrEqual(3), { timeout: 2_000 });
        cleanup();
        requests.length = 0;
        renderTab(tab, undefined, { session: null, refetchOnWindowFocus: true });
        await act(async () => {
            document.dispatchEvent(new Event("visibilitychange"));
        });
        await waitFor(() => expect(requests).toContain("GET /api/auth/session"));
    });
});
test("refetchInterval pauses while offline unless refetchWhenOffline", async () => {
    const tab = await openTab();
    const onLine = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    renderTab(tab, undefined, { session: null, refetchInterval: 0.05 });
    // Each tick asks whether the browser is online: six ticks that found it offline, and no request went out.
    await waitFor(() => expect(onLine.mock.calls.length).toBeGreaterThanOrEqual(6), { timeout: 2_000 });
    expect(requests.filter((r) => r === "GET /api/auth/session")).toHaveLength(0);
    cleanup();
    renderTab(tab, undefined, { session: null, refetchInterval: 0.05, refetchWhenOffline: true });
    await waitFor(() => expect(requests.filter((r) => r === "GET /api/auth/session").length).toBeGreaterThanOrEqual(2));
});
describe("tabs in step", () => {
    test("signing out in one tab signs the other out within a second", async () => {
        const first = await openTab();
        await first.signIn("credentials", { username: "alice", password: "wonderland", redirect: false });
        const second = await openTab();
        renderTab(second);
        await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("authenticated:Alice"));
        const started = Date.now();
        await first.signOut({ redirect: false });
        await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("unauthenticated:-"), { timeout: 1_000 });
        expect(Date.now() - started).toBeLessThan(1_000);
    });
    test("update() in one tab is seen by the others", async () => {
        const first = await openTab();
        await first.signIn("credentials", { username: "alice", password: "wonderland", redirect: false });
        const second = await openTab();
        renderTab(second);
        await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("authenticated:Alice"));
        function Updater() {
            const { update } = first.useSession();
            useEffect(() => void update({ name: "Alice Liddell" }), [update]);
            return null;
        }
        render(createElement(first.SessionProvider, {}, createElement(Updater)));
        await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("authenticated:Alice Liddell"), { timeout: 1_000 });
    });
});
