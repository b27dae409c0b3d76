/**
 * `sesame-auth/next` as the proxy / middleware, with real NextRequest / NextResponse objects: the patterns of
 * seed 004 (redirect to sign-in with callbackUrl, role checks, 401 JSON for APIs, extra request headers)
 * and the renewed cookie reaching the render of the same request.
 */
import { NextRequest, NextResponse } from "next/server.js";
import { afterEach, describe, expect, test, vi } from "vitest";
import { encode } from "../../src/jwt.js";
import Sesame, {} from "../../src/next/index.js";
import { SECRET, config } from "../support/helpers.js";
afterEach(() => vi.useRealTimers());
const ORIGIN = "http://localhost:3000";
const request = (path, cookie) => new NextRequest(`${ORIGIN}${path}`, { headers: { ...(cookie && { cookie }), "user-agent": "Test" } });
const cookieFor = async (claims) => `sesame.session-token=${await encode({ token: { sub: "7", name: "Nora", ...claims }, secret: SECRET })}`;
const app = Sesame(config({
    callbacks: {
        jwt: ({ token }) => token,
        session: ({ session, token }) => ({ ...session, user: { ...session.user, role: token.role } }),
        authorized: ({ auth, request }) => {
            const { pathname } = new URL(request.url);
            if (pathname.startsWith("/api/"))
                return auth ? true : Response.json({ error: "Unauthorized" }, { status: 401 });
            return pathname.startsWith("/dashboard") ? Boolean(auth) : true;
        },
    },
}));
describe("export { auth as proxy } with an authorized callback", () => {
    test("a protected page without a session redirects to sign-in, coming back afterwards", async () => {
        const response = await app.auth(request("/dashboard/orders?tab=2"));
        expect(response.status).toBe(307);
        expect(response.headers.get("location")).toBe(`${ORIGIN}/api/auth/signin?callbackUrl=${encodeURIComponent("/dashboard/orders?tab=2")}`);
    });
    test("an API path without a session gets 401 JSON", async () => {
        const response = await app.auth(request("/api/orders"));
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ error: "Unauthorized" });
    });
    test("with a session the request goes through", async () => {
        const response = await app.auth(request("/dashboard", await cookieFor({})));
        expect(response.headers.get("x-middleware-next")).toBe("1");
    });
});
describe("auth((req) => …) wrapping the app's proxy", () => {
    const proxy = app.auth((req) => {
        const { pathname } = req.nextUrl;
        if (!req.auth)
            return NextResponse.redirect(new URL("/login", req.url));
        if (pathname.startsWith("/admin") && req.auth.user.role !== "admin") {
            return NextResponse.redirect(new URL("/unauthorized", req.url));
        }
        const headers = new Headers(req.headers);
        headers.set("x-user-id", req.auth.user?.id ?? "");
        headers.set("x-user-role", String(req.auth.user.role));
        return NextResponse.next({ request: { headers } });
    });
    test("role checks: /admin needs role admin", async () => {
        expect((await proxy(request("/admin"), {})).headers.get("location")).toBe(`${ORIGIN}/login`);
        expect((await proxy(request("/admin", await cookieFor({ role: "user" })), {})).headers.get("location")).toBe(`${ORIGIN}/unauthorized`);
        expect((await proxy(request("/admin", await cookieFor({ role: "admin" })), {})).headers.get("x-middleware-next")).toBe("1");
    });
    test("extra request headers for the render (x-user-id)", async () => {
        const response = await proxy(request("/dashboard", await cookieFor({ role: "user" })), {});
        expect(response.headers.get("x-middleware-request-x-user-id")).toBe("7");
        expect(response.headers.get("x-middleware-request-x-user-role")).toBe("user");
    });
    test("a cookie renewed in the proxy is the one the page renders with", async () => {
        vi.useFakeTimers({ toFake: ["Date"] });
        vi.setSystemTime(new Date("2026-05-01T00:00:00Z"));
        const old = await cookieFor({ role: "user" });
        vi.setSystemTime(Date.now() + 25 * 3600 * 1000); // past updateAge (24 h)
        const response = await proxy(request("/dashboard", `${old}; theme=dark`), {});
        const renewed = response.headers.getSetCookie().find((c) => c.startsWith("sesame.session-token="));
        expect(renewed).toBeDefined();
        const renewedValue = renewed.split(";")[0];
        expect(renewedValue).not.toBe(old);
        const forwarded = response.headers.get("x-middleware-request-cookie");
        expect(forwarded).toContain(renewedValue);
        expect(forwarded).toContain("theme=dark");
        expect(response.headers.get("x-middleware-override-headers").split(",")).toEqual(expect.arrayContaining(["cookie", "x-user-id", "user-agent"]));
        // The app's own header overrides survive.
        expect(response.headers.get("x-middleware-request-x-user-id")).toBe("7");
    });
    test("a plain NextResponse.next() from the app keeps every request header when the cookie is forwarded", async () => {
        vi.useFakeTimers({ toFake: ["Date"] });
        vi.setSystemTime(new Date("2026-05-01T00:00:00Z"));
        const old = await cookieFor({});
        vi.setSystemTime(Date.now() + 25 * 3600 * 1000);
        const passThrough = app.auth(() => NextResponse.next());
        const response = await passThrough(request("/x", old), {});
        expect(response.headers.get("x-middleware-request-user-agent")).toBe("Test");
        expect(response.headers.get("x-middleware-request-cookie")).toMatch(/^sesame\.session-token=ey/);
    });
});
describe("handlers", () => {
    test("GET and POST serve the auth API", async () => {
        const session = await app.handlers.GET(request("/api/auth/session", await cookieFor({ role: "admin" })));
        expect(await session.json()).toMatchObject({ user: { id: "7", name: "Nora", role: "admin" } });
        const csrf = await app.handlers.GET(request("/api/auth/csrf"));
        expect(await csrf.json()).toHaveProperty("csrfToken");
    });
    test("a config function is called with the request", async () => {
        const factory = vi.fn(() => sharedConfig);
        const sharedConfig = config();
        const dynamic = Sesame(factory);
        await dynamic.handlers.GET(request("/api/auth/providers"));
        expect(factory).toHaveBeenCalledWith(expect.any(Request));
    });
});
