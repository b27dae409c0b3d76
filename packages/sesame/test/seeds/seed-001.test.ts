/**
 * Seed 001 ("在NextAuth.js中使用自定义JWT令牌实现认证流程详解"): a next-auth 4 App Router app that signs in
 * against its own backend API (`test/seeds/backend.ts`), keeps the backend's access/refresh tokens in the
 * session JWT, refreshes the access token in its own `jwt` callback, and guards pages with `withAuth` +
 * `getToken`. Built and served with the real next-auth 4.24 (the reference) and with only the import
 * specifiers changed to Sesame's; every test runs against both.
 *
 * The article names its token field `tokens` and refreshes it itself: Sesame must not start a refresh of
 * its own (it has no `tokens.refresh` hook here) nor mark the session `RefreshTokenError`.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sleep } from "../support/harness.js";
import { startBackend, type Backend } from "./backend.js";
import { HttpClient, LIBRARIES, startSeedApp, textOf, typeErrors, type Library } from "./harness.js";

const SECRET = "seed-001-secret-0123456789-abcdefghijklmnop";
/** Access tokens live 7 s; the article refreshes 5 s before expiry, so from 2 s on. `brief`'s refresh token dies at 3 s. */
const ACCESS_SECONDS = 7;

interface SeedSession {
  user: { id: number; email: string };
  validity: { valid_until: number; refresh_until: number };
  error?: string;
  expires?: string;
}

/** Each library's built copy of the app, for the type check that compares them. */
const builtCopies = new Map<Library, string>();

describe.each(LIBRARIES)("seed 001 with %s", (library) => {
  let server: Awaited<ReturnType<typeof startSeedApp>>;
  let backend: Backend;
  const client = () => new HttpClient(server.base);
  const signIn = async (username: string) => {
    const user = client();
    const response = await user.signIn({ username, password: "wonderland" }, "/dashboard");
    expect(response.headers.get("location")).toBe(`${server.base}/dashboard`);
    return user;
  };

  beforeAll(async () => {
    backend = await startBackend({ accessSeconds: ACCESS_SECONDS, briefRefreshSeconds: 3 });
    server = await startSeedApp("seed-001", library, 4, {
      runtimeEnv: (base) => ({ NEXTAUTH_URL: base, NEXTAUTH_SECRET: SECRET, BACKEND_URL: backend.url }),
    });
    builtCopies.set(library, server.dir);
  }, 300_000);
  afterAll(async () => {
    server?.stop();
    await backend?.close();
  });

  test("authorize: the backend's tokens and validity go into the JWT; the session shows the user and the validity", async () => {
    const alice = await signIn("alice");
    const session = (await alice.session()) as SeedSession;
    expect(session.user).toEqual({ id: 1, email: "alice@example.com" });
    expect(session.validity.valid_until - Date.now() / 1000).toBeGreaterThan(ACCESS_SECONDS - 2);
    expect(session.validity.refresh_until - Date.now() / 1000).toBeGreaterThan(3500);
    expect(session.error).toBeUndefined();
    // The backend's tokens stay in the encrypted cookie: the session callback does not copy them out.
    expect(JSON.stringify(session)).not.toMatch(/eyJ/);

    const page = await alice.fetch("/dashboard");
    expect(page.status).toBe(200);
    const rendered = JSON.parse(textOf(await page.text(), "session")!) as SeedSession;
    expect(rendered.user).toEqual(session.user);
    expect(rendered.validity).toEqual(session.validity);
    // next-auth 4's getServerSession drops `expires` in a server component; Sesame's keeps it.
    expect("expires" in rendered).toBe(library === "sesame");
  });

  test("jwt callback: within 5 s of expiry the app's own refresh runs, once, and the session carries on", async () => {
    const alice = await signIn("alice");
    const before = (await alice.session()) as SeedSession;
    await sleep(2600);
    const after = (await alice.session()) as SeedSession;
    expect(backend.refreshes).toEqual(["alice"]);
    expect(after.validity.valid_until).toBeGreaterThan(before.validity.valid_until);
    expect(after.validity.refresh_until).toBe(before.validity.refresh_until);
    expect(after.error).toBeUndefined();
    // The refreshed token was written back: the next read does not refresh again.
    expect(((await alice.session()) as SeedSession).validity).toEqual(after.validity);
    expect(backend.refreshes).toEqual(["alice"]);
  });

  test("refresh token expired: the session says RefreshTokenExpired; the middleware's redirect to a relative URL fails", async () => {
    const brief = await signIn("brief");
    await sleep(3300);
    const session = (await brief.session()) as SeedSession;
    expect(session.error).toBe("RefreshTokenExpired");
    expect(session.user).toEqual({ id: 2, email: "brief@example.com" });
    // The article's middleware calls NextResponse.redirect("/login"), which Next refuses ("URL is malformed":
    // middleware needs absolute URLs): the request fails the same way with either library.
    expect((await brief.fetch("/dashboard")).status).toBe(500);
  });

  test("withAuth: signed out, /dashboard redirects to the sign-in route with the callback URL; signed in, it renders", async () => {
    const visitor = client();
    const response = await visitor.fetch("/dashboard");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/api/auth/signin?callbackUrl=%2Fdashboard");
    const forged = client();
    forged.jar.set(library === "sesame" ? "sesame.session-token" : "next-auth.session-token", "forged");
    expect((await forged.fetch("/dashboard")).status).toBe(307);
    expect((await (await signIn("alice")).fetch("/dashboard")).status).toBe(200);
  });
});

test("types: Sesame's refuse nothing of the article's code that next-auth's accept", async () => {
  const [reference, sesame] = await Promise.all(LIBRARIES.map((library) => typeErrors(builtCopies.get(library)!)));
  // As written, `authorize` returns no `id`, and the `jwt` callback's first return lacks what the article's
  // own JWT type needs: next-auth's types refuse both.
  expect(reference).toEqual(["app/api/auth/[...nextauth]/route.ts:9 TS2322", "app/api/auth/[...nextauth]/route.ts:27 TS2322"]);
  // Sesame's refuse the second too (its `User` has an optional `id`, since credentials users may have none).
  expect(sesame).toEqual(["app/api/auth/[...nextauth]/route.ts:27 TS2322"]);
}, 60_000);
