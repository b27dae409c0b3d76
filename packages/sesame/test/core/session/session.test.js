import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { Auth, getSession } from "../../../src/index.js";
import { resolveConfig } from "../../../src/core/config/resolve.js";
import { createContext } from "../../../src/core/context.js";
import { decode, encode } from "../../../src/jwt.js";
import { Browser, ORIGIN, SECRET, config, sessionCookie, setCookies } from "../../support/helpers.js";
const HOUR = 3600;
beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
});
afterEach(() => vi.useRealTimers());
const advance = (seconds) => vi.setSystemTime(Date.now() + seconds * 1000);
describe("sliding expiry", () => {
    test("the cookie is re-issued at most once per updateAge, extending the expiry", async () => {
        const browser = new Browser(config({ session: { maxAge: 24 * HOUR, updateAge: HOUR } }));
        await browser.signIn();
        const issued = sessionCookie(browser);
        const before = (await browser.session());
        advance(HOUR / 2);
        const early = await browser.fetch("/api/auth/session");
        expect(setCookies(early)).toEqual([]);
        expect((await early.json()).expires).toBe(before.expires);
        advance(HOUR / 2);
        const renewed = await browser.fetch("/api/auth/session");
        expect(setCookies(renewed).map((c) => c.name)).toEqual(["sesame.session-token"]);
        expect(sessionCookie(browser)).not.toBe(issued);
        expect(new Date((await renewed.json()).expires).getTime()).toBe(new Date(before.expires).getTime() + HOUR * 1000);
    });
    test("the session id (jti) survives renewals", async () => {
        const browser = new Browser(config({ session: { updateAge: 60 } }));
        await browser.signIn();
        const first = await decode({ token: sessionCookie(browser), secret: SECRET });
        advance(120);
        await browser.session();
        const second = await decode({ token: sessionCookie(browser), secret: SECRET });
        expect(second.jti).toBe(first.jti);
        expect(second.iat).toBeGreaterThan(first.iat);
    });
    test("an idle session ends after maxAge: no session, and the cookie is cleared", async () => {
        const browser = new Browser(config({ session: { maxAge: HOUR } }));
        await browser.signIn();
        advance(HOUR + 60);
        const response = await browser.fetch("/api/auth/session");
        expect(await response.json()).toBeNull();
        expect(setCookies(response)).toEqual([expect.objectContaining({ name: "sesame.session-token", value: "", attributes: expect.objectContaining({ "max-age": "0" }) })]);
    });
    test("a jwt callback that changes the token re-issues the cookie at once", async () => {
        let visits = 0;
        const browser = new Browser(config({ callbacks: { jwt: ({ token }) => ({ ...token, visits: ++visits }) } }));
        await browser.signIn();
        const response = await browser.fetch("/api/auth/session");
        expect(setCookies(response)).toHaveLength(1);
        expect((await decode({ token: sessionCookie(browser), secret: SECRET })).visits).toBe(2);
    });
    test("a jwt callback that mutates the token in place is noticed too", async () => {
        const browser = new Browser(config({
            callbacks: {
                jwt: ({ token }) => {
                    token.seen = true;
                    return token;
                },
            },
        }));
        await browser.signIn();
        await browser.session();
        expect((await decode({ token: sessionCookie(browser), secret: SECRET })).seen).toBe(true);
    });
});
describe("callbacks and events", () => {
    test("jwt returning null ends the session and clears the cookie", async () => {
        let revoked = false;
        const browser = new Browser(config({ callbacks: { jwt: ({ token }) => (revoked ? null : token) } }));
        await browser.signIn();
        revoked = true;
        expect(await browser.session()).toBeNull();
        expect(sessionCookie(browser)).toBeUndefined();
    });
    test("session callback shapes what the client sees; session event fires on reads", async () => {
        const onSession = vi.fn();
        const browser = new Browser(config({
            callbacks: {
                jwt: ({ token, user }) => (user ? { ...token, role: "admin" } : token),
                session: ({ session, token }) => ({ ...session, role: token.role }),
            },
            events: { session: onSession },
        }));
        await browser.signIn();
        expect(await browser.session()).toMatchObject({ role: "admin" });
        expect(onSession).toHaveBeenCalledWith(expect.objectContaining({ token: expect.objectContaining({ role: "admin" }) }));
    });
    test("an event handler that throws is logged and changes nothing", async () => {
        const errors = [];
        const browser = new Browser(config({
            events: {
                signIn: () => {
                    throw new Error("analytics down");
                },
            },
            logger: { error: (e) => errors.push(e) },
        }));
        expect((await browser.signIn()).status).toBe(302);
        expect(await browser.session()).not.toBeNull();
        expect(errors[0]?.message).toContain('"signIn" event');
    });
});
describe("POST /session: update()", () => {
    const updatable = () => config({
        callbacks: {
            jwt: ({ token, trigger, session }) => (trigger === "update" && typeof session?.name === "string" ? { ...token, name: session.name } : token),
        },
    });
    test("runs jwt with trigger update, persists the change in the cookie, and returns the new session", async () => {
        const updateUser = vi.fn();
        const browser = new Browser({ ...updatable(), events: { updateUser } });
        await browser.signIn();
        const response = await browser.postJson("/api/auth/session", { csrfToken: await browser.csrf(), data: { name: "Alice Liddell" } });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ user: { name: "Alice Liddell" } });
        expect(await browser.session()).toMatchObject({ user: { name: "Alice Liddell" } });
        expect(updateUser).toHaveBeenCalledWith({ user: expect.objectContaining({ name: "Alice Liddell" }) });
    });
    test("the session callback sees trigger and newSession", async () => {
        const session = vi.fn(({ session }) => session);
        const browser = new Browser(config({ callbacks: { session } }));
        await browser.signIn();
        await browser.postJson("/api/auth/session", { csrfToken: await browser.csrf(), data: { theme: "dark" } });
        expect(session).toHaveBeenLastCalledWith(expect.objectContaining({ trigger: "update", newSession: { theme: "dark" } }));
    });
    test("without a session it answers null and sets nothing", async () => {
        const browser = new Browser(updatable());
        const response = await browser.postJson("/api/auth/session", { csrfToken: await browser.csrf(), data: { name: "x" } });
        expect(await response.json()).toBeNull();
        expect(setCookies(response)).toEqual([]);
    });
    test("data that is not an object is a 400", async () => {
        const browser = new Browser(updatable());
        await browser.signIn();
        const response = await browser.postJson("/api/auth/session", { csrfToken: await browser.csrf(), data: "name" });
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ error: "InvalidRequest", message: "`data` must be an object with the session fields to update." });
    });
});
describe("POST /signout", () => {
    test("clears the session, fires signOut with the token, redirects to the callback URL", async () => {
        const signOut = vi.fn();
        const browser = new Browser(config({ events: { signOut } }));
        await browser.signIn();
        const response = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf(), callbackUrl: "/bye" });
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe(`${ORIGIN}/bye`);
        expect(sessionCookie(browser)).toBeUndefined();
        expect(await browser.session()).toBeNull();
        expect(signOut).toHaveBeenCalledWith({ token: expect.objectContaining({ sub: "1" }) });
    });
});
describe("bearer tokens for non-browser clients", () => {
    test("GET accepts Authorization: Bearer <session token>", async () => {
        const token = await encode({ token: { sub: "9", name: "Robot" }, secret: SECRET });
        const response = await Auth(new Request(`${ORIGIN}/api/auth/session`, { headers: { authorization: `Bearer ${token}` } }), config());
        expect(await response.json()).toMatchObject({ user: { id: "9", name: "Robot" } });
    });
    test("a POST cannot authenticate with a bearer token by default", async () => {
        const token = await encode({ token: { sub: "9" }, secret: SECRET });
        const request = new Request(`${ORIGIN}/x`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
        expect((await getSession(request, config())).session).toBeNull();
        expect((await getSession(request, config({ session: { bearer: "always" } }))).session).not.toBeNull();
    });
    test("bearer: false turns it off", async () => {
        const token = await encode({ token: { sub: "9" }, secret: SECRET });
        const request = new Request(`${ORIGIN}/x`, { headers: { authorization: `Bearer ${token}` } });
        expect((await getSession(request, config({ session: { bearer: false } }))).session).toBeNull();
    });
});
describe("secret rotation", () => {
    const OLD = "old-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const NEW = "new-secret-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    test("sessions made with the old secret stay valid after a new one is put first", async () => {
        const browser = new Browser(config({ secret: OLD }));
        await browser.signIn();
        const rotated = new Browser(config({ secret: [NEW, OLD], session: { updateAge: 1 } }));
        for (const [k, v] of browser.jar)
            rotated.jar.set(k, v);
        advance(2);
        expect(await rotated.session()).toMatchObject({ user: { name: "Alice" } });
        // The renewal is encrypted with the new secret alone.
        expect(await decode({ token: sessionCookie(rotated), secret: NEW })).not.toBeNull();
    });
    test("a token from a secret no longer configured is refused", async () => {
        const token = await encode({ token: { sub: "1" }, secret: OLD });
        expect(await decode({ token, secret: [NEW] })).toBeNull();
    });
    test("getSession reads through the same rules", async () => {
        const token = await encode({ token: { sub: "1", name: "A" }, secret: SECRET });
        const request = new Request(`${ORIGIN}/page`, { headers: { cookie: `sesame.session-token=${token}` } });
        const { session, token: claims } = await getSession(request, config());
        expect(session?.user?.name).toBe("A");
        expect(claims.sub).toBe("1");
    });
});
describe("a request known only by its head (a Server Component has no Request)", () => {
    const head = (headers, method = "GET") => ({ url: `${ORIGIN}/`, method, headers: new Headers(headers) });
    test("getSession reads the session from the URL, method and headers alone", async () => {
        const token = await encode({ token: { sub: "1", name: "A" }, secret: SECRET });
        expect((await getSession(head({ cookie: `sesame.session-token=${token}` }), config())).session?.user?.name).toBe("A");
        // The method still decides whether a bearer token counts.
        expect((await getSession(head({ authorization: `Bearer ${token}` }, "POST"), config())).session).toBeNull();
    });
    test("getSession reports a bad config as a rejected promise, never a synchronous throw", async () => {
        let pending;
        expect(() => (pending = getSession(head({}), config({ secret: "too-short" })))).not.toThrow();
        await expect(pending).rejects.toMatchObject({ type: "InvalidSecret" });
    });
    test("the Request the app's callbacks get is built from the head on first use, once", () => {
        const context = createContext(head({ cookie: "a=1", "user-agent": "Test" }), resolveConfig(config()));
        const { request } = context;
        expect(request).toBeInstanceOf(Request);
        expect([request.url, request.method, request.headers.get("user-agent")]).toEqual([`${ORIGIN}/`, "GET", "Test"]);
        expect(context.request).toBe(request);
        const real = new Request(`${ORIGIN}/x`);
        expect(createContext(real, resolveConfig(config())).request).toBe(real);
    });
});
