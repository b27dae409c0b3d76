/**
 * NextAuth v4 code from the seeds, with only the import specifiers changed (`next-auth` → `sesame-auth/next`,
 * `next-auth/providers/credentials` → `sesame-auth/providers/credentials`, `next-auth/jwt` → `sesame-auth/jwt`).
 */
import type { NextApiRequest, NextApiResponse } from "next";
import { NextRequest, NextResponse } from "next/server.js";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import NextAuth, { getServerSession, getToken, withAuth, type NextAuthOptions } from "../../src/next/index.js";
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
const authOptions: NextAuthOptions = {
  session: { strategy: "jwt" },
  providers: [
    CredentialsProvider({
      type: "credentials",
      credentials: { username: { label: "Username", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const { username, password } = credentials as { username: string; password: string };
        if (username !== "alice" || password !== "wonderland") return null;
        return { id: "u1", name: "alice", email: "alice@example.com", role: "admin" } as never;
      },
    }),
  ],
  pages: { signIn: "/login" },
  callbacks: {
    async jwt({ token, user }) {
      if (user) return { ...token, ...user };
      return token;
    },
    async session({ session, token }) {
      session.user = token as never;
      return session;
    },
  },
};

async function signInThrough(handler: (request: Request) => Promise<Response>): Promise<string> {
  const csrf = await handler(new NextRequest(`${ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie()[0]!.split(";")[0]!;
  const response = await handler(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, username: "alice", password: "wonderland", json: "true" }),
    }),
  );
  expect(response.status).toBe(200);
  return response.headers.getSetCookie().find((c) => c.startsWith("sesame.session-token="))!.split(";")[0]!;
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
    const headers: Record<string, string | string[]> = {};
    const session = await getServerSession({ headers: { cookie, host: "localhost:3000" }, url: "/dashboard" }, { setHeader: (name, value) => (headers[name] = value) }, authOptions);
    expect(session).toMatchObject({ user: { email: "alice@example.com" } });
  });

  // Seed 001's middleware.
  const middleware = withAuth(async function middleware(req) {
    const token = await getToken({ req });
    if (token && (token.role as string) !== "admin") {
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
    let seen: unknown;
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

describe("NextAuth v4 one-call forms and the middleware module", () => {
  test("NextAuth(request, context, authOptions) answers a route handler's request at once", async () => {
    // The handler's type fits both places Next.js puts it (checked by the type-check of this file).
    const asRouteHandler: (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response> = NextAuth(authOptions);
    const asPagesApiRoute: (req: NextApiRequest, res: NextApiResponse) => Promise<void> = NextAuth(authOptions);
    expect([typeof asRouteHandler, typeof asPagesApiRoute]).toEqual(["function", "function"]);
    const response = await NextAuth(new NextRequest(`${ORIGIN}/api/auth/providers`), { params: Promise.resolve({ nextauth: ["providers"] }) }, authOptions);
    expect(await response.json()).toHaveProperty("credentials");
  });

  test("sesame-auth/middleware: its default export is withAuth, usable as the middleware itself, as next-auth's is", async () => {
    const { default: middleware, withAuth: named } = await import("../../src/next/middleware.js");
    const { default: reference } = (await import("next-auth/middleware")) as unknown as { default: (request: NextRequest) => Promise<Response | undefined> };
    expect(middleware).toBe(named);
    const ours = await middleware(new NextRequest(`${ORIGIN}/dashboard?tab=2`));
    const theirs = await reference(new NextRequest(`${ORIGIN}/dashboard?tab=2`));
    expect([ours.status, ours.headers.get("location")]).toEqual([theirs!.status, theirs!.headers.get("location")]);
    const cookie = await signInThrough(NextAuth(authOptions));
    expect((await middleware(new NextRequest(`${ORIGIN}/dashboard`, { headers: { cookie } }))).headers.get("x-middleware-next")).toBe("1");
  });

  test("withAuth lets the auth API, the error page, /_next and /favicon.ico through, by path segment", async () => {
    const guard = withAuth({});
    for (const path of ["/api/auth/csrf", "/api/auth", "/api/auth/error", "/_next/static/x.js", "/favicon.ico"]) {
      expect([path, (await guard(new NextRequest(ORIGIN + path))).headers.get("x-middleware-next")]).toEqual([path, "1"]);
    }
    for (const path of ["/api/authority", "/_nextsecret", "/favicon.ico.php"]) {
      expect([path, (await guard(new NextRequest(ORIGIN + path))).status]).toEqual([path, 307]);
    }
  });

  test("withAuth without a secret redirects to the error page with error=Configuration, as next-auth's middleware does", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("AUTH_SECRET", "");
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { default: reference } = (await import("next-auth/middleware")) as unknown as { default: (request: NextRequest) => Promise<Response | undefined> };
    const ours = await withAuth(new NextRequest(`${ORIGIN}/dashboard`));
    const theirs = await reference(new NextRequest(`${ORIGIN}/dashboard`));
    expect([ours.status, ours.headers.get("location")]).toEqual([theirs!.status, theirs!.headers.get("location")]);
    expect(ours.headers.get("location")).toBe(`${ORIGIN}/api/auth/error?error=Configuration`);
    error.mockRestore();
  });

  test("withAuth under Next.js's basePath: the sign-in URL and callbackUrl carry it, as next-auth's do", async () => {
    const { default: reference } = (await import("next-auth/middleware")) as unknown as { default: (request: NextRequest) => Promise<Response | undefined> };
    const request = () => new NextRequest(`${ORIGIN}/docs/dashboard?x=1`, { nextConfig: { basePath: "/docs" } });
    expect(request().nextUrl.basePath).toBe("/docs");
    const ours = await withAuth(request());
    const theirs = await reference(request());
    expect(ours.headers.get("location")).toBe(theirs!.headers.get("location"));
    expect(ours.headers.get("location")).toBe(`${ORIGIN}/docs/api/auth/signin?callbackUrl=%2Fdocs%2Fdashboard%3Fx%3D1`);
  });
});
