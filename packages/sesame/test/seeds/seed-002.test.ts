/**
 * Seed 002 ("NextAuth会话中存储访问令牌"): a next-auth 4 **Pages Router** app — `export default
 * NextAuth(authOptions)` in `pages/api/auth/[...nextauth].ts`, a credentials `authorize` that posts to the
 * backend with axios and decodes its token with jwt-decode, a `jwt` callback that spreads the user into the
 * token, a `session` callback that hands the whole token to the client (`session.user = token as any`), and a
 * component that reads `data.user.token` with `useSession`. Built and served with the real next-auth 4.24
 * (the reference) and with only the import specifiers changed to Sesame's; every test runs against both.
 */
import { decodeJwt } from "jose";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sleep } from "../support/harness.js";
import { startBackend, type Backend } from "./backend.js";
import { HttpClient, launchChromium, LIBRARIES, startSeedApp, typeErrors, type Library } from "./harness.js";

const SECRET = "seed-002-secret-0123456789-abcdefghijklmnop";
/** The backend's access tokens live 2 s: their `exp` lands in the session token (the article spreads it there). */
const ACCESS_SECONDS = 2;

interface SeedSession {
  user: Record<string, unknown> & { token: string; refresh: string; exp: number };
  expires: string;
}

let browser: Browser;
let backend: Backend;
const builtCopies = new Map<Library, string>();
beforeAll(async () => {
  [browser, backend] = await Promise.all([launchChromium(), startBackend({ accessSeconds: ACCESS_SECONDS })]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), backend?.close()]);
});

describe.each(LIBRARIES)("seed 002 with %s", (library) => {
  let server: Awaited<ReturnType<typeof startSeedApp>>;
  const client = () => new HttpClient(server.base);

  beforeAll(async () => {
    server = await startSeedApp("seed-002", library, 4, {
      // NEXT_PUBLIC_ variables are inlined when the app is built.
      env: { NEXT_PUBLIC_API_BASE_URL: `${backend.url}/legacy` },
      runtimeEnv: (base) => ({ NEXTAUTH_URL: base, NEXTAUTH_SECRET: SECRET }),
    });
    builtCopies.set(library, server.dir);
  }, 300_000);
  afterAll(() => server?.stop());

  test("§1–§3: the backend's tokens reach session.user, next to the decoded claims, as the session callback says", async () => {
    const alice = client();
    const response = await alice.signIn({ username: "alice", password: "wonderland" }, "/");
    expect(response.headers.get("location")).toBe(`${server.base}/`);
    const session = (await alice.session()) as SeedSession;
    expect(session.user).toMatchObject({ id: "1", userId: "1", name: "alice", username: "alice", email: "alice@example.com", role: "admin", sub: "1" });
    expect(decodeJwt<{ username: string }>(session.user.token).username).toBe("alice");
    expect(decodeJwt<{ typ: string }>(session.user.refresh).typ).toBe("refresh");
    // `session.user = token`: the whole token, its registered claims too — the same set in both libraries.
    expect(Object.keys(session.user).sort()).toEqual(
      ["email", "exp", "iat", "id", "jti", "name", "refresh", "role", "sub", "token", "userId", "username"].sort(),
    );
  });

  test("§2: the backend token's exp, spread into the JWT, does not end the session: the session's own lifetime does", async () => {
    const alice = client();
    await alice.signIn({ username: "alice", password: "wonderland" }, "/");
    const accessExpiry = decodeJwt<{ exp: number }>(((await alice.session()) as SeedSession).user.token).exp;
    await sleep(ACCESS_SECONDS * 1000 + 600);
    expect(Date.now() / 1000).toBeGreaterThan(accessExpiry);
    const session = (await alice.session()) as SeedSession;
    expect(session.user.name).toBe("alice");
    // The token's exp is the session's (30 days), not the backend's.
    expect(session.user.exp - Date.now() / 1000).toBeGreaterThan(29 * 24 * 3600);
  });

  test("a wrong password: the backend's 401 makes axios throw, authorize returns null, the user is back on /login", async () => {
    const mallory = client();
    let response = await mallory.signIn({ username: "alice", password: "guess" }, "/");
    const hops: string[] = [];
    while (response.status === 302) {
      const location = new URL(response.headers.get("location")!, server.base);
      hops.push(location.pathname + location.search);
      if (location.pathname === "/login") break;
      response = await mallory.fetch(location.href);
    }
    expect(hops).toEqual([
      "/api/auth/error?error=CredentialsSignin&provider=credentials",
      "/api/auth/signin?error=CredentialsSignin",
      `/login?${new URLSearchParams({ callbackUrl: `${server.base}/`, error: "CredentialsSignin" })}`,
    ]);
    expect(await mallory.session()).toEqual({});
  });

  test("§4 in Chromium: signed out 请登录; after /login, 欢迎 with the access token in useSession's data", async () => {
    const context = await browser.newContext({ baseURL: server.base });
    const page = await context.newPage();
    const logged: string[] = [];
    page.on("console", (message) => logged.push(`${message.type()} ${message.text()}`));
    try {
      await page.goto("/");
      await page.getByText("请登录。").waitFor();
      await page.goto("/login");
      await page.fill("input[name=username]", "alice");
      await page.fill("input[name=password]", "wonderland");
      await page.click("button[type=submit]");
      await page.getByText("欢迎,alice!您已登录。").waitFor();
      const token = logged.find((line) => line.startsWith("log 访问令牌:"))?.split(" ")[2];
      expect(decodeJwt<{ username: string }>(token!).username).toBe("alice");
      // Nothing the client did not understand (a missing favicon shows only as "Failed to load resource").
      expect(logged.filter((line) => line.startsWith("error") && !line.includes("Failed to load resource"))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

test("types: Sesame's refuse the article's code where next-auth's do, and nowhere else", async () => {
  const [reference, sesame] = await Promise.all(LIBRARIES.map((library) => typeErrors(builtCopies.get(library)!)));
  // §4 reads `data?.user?.token`, which neither library's `Session` declares (the article augments nothing).
  expect(reference).toEqual(["components/ProtectedComponent.tsx:13 TS2339"]);
  expect(sesame).toEqual(reference);
}, 60_000);
