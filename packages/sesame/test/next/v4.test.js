/**
 * NextAuth v4 code from the seeds, with only the import specifiers changed (`next-auth` → `sesame-auth/next`,
 * `next-auth/providers/credentials` → `sesame-auth/providers/credentials`, `next-auth/jwt` → `sesame-auth/jwt`).
 */
import { NextRequest, NextResponse } from "next/server.js";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import NextAuth, { getServerSession, getToken, withAuth } from "../../src/next/index.js";
import CredentialsProvider from "../../src/providers/credentials.js";
import { SECRET } from "../support/helpers.js";
const ORIGIN = "http://localhost:3000";
beforeEach(() => {
    vi.stubEnv("NEXTAUTH_SECRET", SECRET);
    vi.stubEnv("NEXTAUTH_URL", ORIGIN);
});
afterEach(() => {
    vi.unstubAllEnvs();
});
// Seed 002's configuration, as written for next-auth 4.
const authOptions = {
    session: { strategy: "jwt" },
    providers: [
        CredentialsProvider({
            type: "credentials",
            credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
            async authorize(credentials) {
                const { username, password } = credentials;
                if (username !== "alice" || password !== "wonderland")
                    return null;
                return { id: "u1", name: "alice", email: "alice@example.com", role: "admin" };
            },
        }),
    ],
    pages: { signIn: "/login" },
    callbacks: {
        async jwt({ token, user }) {
            if (user)
                return { ...token, ...user };
            return token;
        },
        async session({ session, token }) {
            session.user = token;
            return session;
        },
    },
};
async function signInThrough(handler) {
    const csrf = await handler(new NextRequest(`${ORIGIN}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json());
    const csrfCookie = csrf.headers.getSetCookie()[0].split(";")[0];
    const response = await handler(new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, username: "alice", password: "wonderland", json: "true" }),
    }));
    expect(response.status).toBe(200);
    return response.headers.getSetCookie().find((c) => c.startsWith("sesame.session-token=")).split(";")[0];
}
describe("NextAuth v4 API", () => {
    test("const handler = NextAuth(authOptions); export { handler as GET, handler as POST }", async () => {
        const handler = NextAuth(authOptions);
        const GET = handler;
        const providers = await GET(new NextRequest(`${ORIGIN}/api/auth/providers`));
        expect(await providers.json()).toHaveProperty("credentials");
        const cookie = await signInThrough(handler);
        const session = await GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie } }));
        expect(await session.json()).toMatchObject({ user: { name: "alice", role: "admin" } });
    });
    test("getServerSession(req, res, authOptions) in the Pages Router", async () => {
        const cookie = await signInThrough(NextAuth(authOptions));
        const headers = {};
        const session = await getServerSession({ headers: { cookie, host: "localhost:3000" }, url: "/dashboard" }, { setHeader: (name, value) => (headers[name] = value) }, authOptions);
        expect(session).toMatchObject({ user: { email: "alice@example.com" } });
    });
    // Seed 001's middleware.
    const middleware = withAuth(async function middleware(req) {
        const token = await getToken({ req });
        if (token && token.role !== "admin") {
            const response = NextResponse.redirect(new URL("/login", req.url));
            response.cookies.set("sesame.session-token", "", { maxAge: 0 });
            return response;
        }
        return NextResponse.next();
    });
    test("withAuth: no token → sign-in page with callbackUrl; with a token the middleware runs with req.nextauth", async () => {
        const anonymous = await middleware(new NextRequest(`${ORIGIN}/dashboard`));
        expect(anonymous.headers.get("location")).toBe(`${ORIGIN}/api/auth/signin?callbackUrl=%2Fdashboard`);
        const cookie = await signInThrough(NextAuth(authOptions));
        const through = await middleware(new NextRequest(`${ORIGIN}/dashboard`, { headers: { cookie } }));
        expect(through.headers.get("x-middleware-next")).toBe("1");
        let seen;
        await withAuth((req) => {
            seen = req.nextauth.token;
            return undefined;
        })(new NextRequest(`${ORIGIN}/x`, { headers: { cookie } }));
        expect(seen).toMatchObject({ sub: "u1", role: "admin" });
    });
    test("withAuth options: authorized callback and pages.signIn", async () => {
        const adminsOnly = withAuth({ callbacks: { authorized: ({ token }) => token?.role === "admin" }, pages: { signIn: "/login" } });
        expect((await adminsOnly(new NextRequest(`${ORIGIN}/admin`))).headers.get("location")).toBe(`${ORIGIN}/login?callbackUrl=%2Fadmin`);
        // The sign-in page itself is not redirected to itself.
        expect((await adminsOnly(new NextRequest(`${ORIGIN}/login`))).headers.get("x-middleware-next")).toBe("1");
    });
});
