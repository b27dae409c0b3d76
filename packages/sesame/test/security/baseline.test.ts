import fc from "fast-check";
import { CompactEncrypt, UnsecuredJWT, base64url } from "jose";
import { afterEach, describe, expect, test, vi } from "vitest";
import { Auth, getSession, type SesameConfig } from "../../src/index.js";
import { decode, encode } from "../../src/jwt.js";
import { Browser, ORIGIN, SECRET, config, passwordProvider, sessionCookie, setCookies } from "../support/helpers.js";

/** No response body may reveal a stack trace or a source location. */
function expectNoStack(text: string) {
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+|node_modules/);
}

describe("CSRF: every state-changing POST needs the signed double-submit token", () => {
  const routes = ["/api/auth/session", "/api/auth/signout", "/api/auth/callback/credentials", "/api/auth/signin/credentials"];
  const foreign = async () => {
    const other = new Browser(config({ secret: "another-secret-cccccccccccccccccccccccccc" }));
    const token = await other.csrf();
    return { token, cookie: other.jar.get("sesame.csrf-token")! };
  };
  const attacks: Record<string, (browser: Browser) => Promise<{ token?: string; cookie?: string | null }>> = {
    "no token at all": async () => ({}),
    "a wrong token": async () => ({ token: "x".repeat(43) }),
    "the right token but no cookie": async (b) => ({ token: await b.csrf(), cookie: null }),
    "a cookie with a forged signature": async () => ({ token: "a".repeat(43), cookie: `${"a".repeat(43)}|${base64url.encode(new Uint8Array(32))}` }),
    "a pair made with another secret": foreign,
  };

  for (const path of routes) {
    for (const [name, attack] of Object.entries(attacks)) {
      test(`${path}: ${name} → 403 MissingCSRF (JSON), nothing changes`, async () => {
        const browser = new Browser(config());
        await browser.signIn();
        const before = sessionCookie(browser);
        const { token, cookie } = await attack(browser);
        if (cookie === null) browser.jar.delete("sesame.csrf-token");
        else if (cookie) browser.jar.set("sesame.csrf-token", cookie);
        const response = await browser.postJson(path, { ...(token && { csrfToken: token }), username: "alice", password: "wonderland", data: { name: "Eve" } });
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: "MissingCSRF" });
        expect(setCookies(response).filter((c) => c.name.includes("session-token"))).toEqual([]);
        expect(sessionCookie(browser)).toBe(before);
        expect(await browser.session()).toMatchObject({ user: { name: "Alice" } });
      });
    }
  }

  test("a cross-site form post is redirected to the error page and changes nothing", async () => {
    const browser = new Browser(config());
    await browser.signIn();
    const response = await browser.postForm("/api/auth/signout", { callbackUrl: "/" }, { origin: "https://evil.example" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${ORIGIN}/api/auth/error?error=MissingCSRF`);
    expect(await browser.session()).not.toBeNull();
  });

  test("login CSRF: an attacker cannot sign a victim into the attacker's account", async () => {
    const victim = new Browser(config());
    const response = await victim.postForm("/api/auth/callback/credentials", { username: "alice", password: "wonderland" });
    expect(response.headers.get("location")).toContain("error=MissingCSRF");
    expect(sessionCookie(victim)).toBeUndefined();
  });
});

describe("redirects stay on this origin", () => {
  const attacks = [
    "https://evil.example/steal",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "http://localhost:3000@evil.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://localhost:3000.evil.example/",
    "https://localhost:3000/", // same host, other scheme: another origin
    "%2F%2Fevil.example",
    "\t//evil.example",
  ];

  test.each(attacks)("callbackUrl %j after sign-in falls back to the base URL", async (url) => {
    const response = await new Browser(config()).signIn({ username: "alice", password: "wonderland", callbackUrl: url });
    const location = new URL(response.headers.get("location")!);
    expect(location.origin).toBe(ORIGIN);
  });

  test.each(attacks)("callbackUrl %j on sign-out and on the sign-in page falls back too", async (url) => {
    const browser = new Browser(config());
    const signOut = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf(), callbackUrl: url });
    expect(new URL(signOut.headers.get("location")!).origin).toBe(ORIGIN);
    await browser.fetch(`/api/auth/signin?callbackUrl=${encodeURIComponent(url)}`);
    expect(new URL(browser.jar.get("sesame.callback-url")!).origin).toBe(ORIGIN);
  });

  test("relative and same-origin URLs are kept", async () => {
    for (const [url, expected] of [
      ["/dashboard?tab=1#top", `${ORIGIN}/dashboard?tab=1#top`],
      [`${ORIGIN}/orders`, `${ORIGIN}/orders`],
    ]) {
      const response = await new Browser(config()).signIn({ username: "alice", password: "wonderland", callbackUrl: url! });
      expect(response.headers.get("location")).toBe(expected);
    }
  });

  test("a redirect callback may allow other origins deliberately", async () => {
    const browser = new Browser(config({ callbacks: { redirect: ({ url }) => url } }));
    const response = await browser.signIn({ username: "alice", password: "wonderland", callbackUrl: "https://partner.example/" });
    expect(response.headers.get("location")).toBe("https://partner.example/");
  });
});

describe("session cookies that are not ours are refused, never a 500", () => {
  const read = async (cookie: string) => {
    const response = await Auth(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: `sesame.session-token=${cookie}` } }), config());
    return { response, body: await response.text() };
  };

  const cases: Record<string, () => Promise<string>> = {
    truncated: async () => (await encode({ token: { sub: "1" }, secret: SECRET })).slice(0, -5),
    "one character changed": async () => {
      const t = await encode({ token: { sub: "1" }, secret: SECRET });
      const i = Math.floor(t.length / 2);
      return t.slice(0, i) + (t[i] === "A" ? "B" : "A") + t.slice(i + 1);
    },
    "another secret": async () => encode({ token: { sub: "1" }, secret: "someone-elses-secret-ddddddddddddddddddddd" }),
    expired: async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() - 31 * 24 * 3600 * 1000);
      const t = await encode({ token: { sub: "1" }, secret: SECRET });
      vi.useRealTimers();
      return t;
    },
    garbage: async () => "not-a-token",
    empty: async () => "....",
    "alg none (unsecured JWT)": async () => new UnsecuredJWT({ sub: "1", exp: 2e9 }).encode(),
    "JWE with a key we never had": async () =>
      new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ sub: "1", exp: 2e9 })))
        .setProtectedHeader({ alg: "dir", enc: "A256GCM", kid: "guess" })
        .encrypt(crypto.getRandomValues(new Uint8Array(32))),
    "a huge value": async () => "A".repeat(100_000),
  };

  afterEach(() => vi.useRealTimers());

  for (const [name, make] of Object.entries(cases)) {
    test(`${name}: no session, the cookie is cleared`, async () => {
      const { response, body } = await read(await make());
      expect(response.status).toBe(200);
      expect(body).toBe("null");
      expect(setCookies(response)).toEqual([expect.objectContaining({ name: "sesame.session-token", attributes: expect.objectContaining({ "max-age": "0" }) })]);
    });
  }

  test("property: thousands of mutations of a valid cookie are never accepted", async () => {
    const valid = await encode({ token: { sub: "1", name: "Alice", role: "user" }, secret: SECRET });
    expect(await decode({ token: valid, secret: SECRET })).not.toBeNull();
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=";
    const mutation = fc.oneof(
      // flip one character
      fc.tuple(fc.nat(valid.length - 1), fc.constantFrom(...alphabet)).map(([i, c]) => valid.slice(0, i) + c + valid.slice(i + 1)),
      // cut anywhere
      fc.nat(valid.length - 1).map((i) => valid.slice(0, i)),
      // insert anything anywhere
      fc.tuple(fc.nat(valid.length), fc.string({ minLength: 1, maxLength: 8 })).map(([i, s]) => valid.slice(0, i) + s + valid.slice(i)),
      // delete a run
      fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 20 })).map(([i, n]) => valid.slice(0, i) + valid.slice(i + n)),
      // swap two segments of the compact form
      fc.tuple(fc.nat(4), fc.nat(4)).map(([a, b]) => {
        const parts = valid.split(".");
        [parts[a], parts[b]] = [parts[b]!, parts[a]!];
        return parts.join(".");
      }),
      // replace one segment with random base64url
      fc.tuple(fc.nat(4), fc.uint8Array({ minLength: 0, maxLength: 64 })).map(([i, bytes]) => {
        const parts = valid.split(".");
        parts[i] = base64url.encode(bytes);
        return parts.join(".");
      }),
    );
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (token) => {
        fc.pre(token !== valid);
        tried++;
        expect(await decode({ token, secret: SECRET })).toBeNull();
      }),
      { numRuns: 5000 },
    );
    expect(tried).toBeGreaterThan(4000);
  });

  test("property: mutated cookies sent through Auth() always answer 200 null", async () => {
    const valid = await encode({ token: { sub: "1" }, secret: SECRET });
    await fc.assert(
      fc.asyncProperty(fc.nat(valid.length - 1), fc.integer({ min: 33, max: 126 }), async (i, code) => {
        const token = valid.slice(0, i) + String.fromCharCode(code) + valid.slice(i + 1);
        fc.pre(token !== valid);
        const { response, body } = await read(encodeURIComponent(token));
        expect(response.status).toBe(200);
        expect(body).toBe("null");
      }),
      { numRuns: 1000 },
    );
  });
});

/** Sets these variables for the test (undefined: unset); `vi.unstubAllEnvs` in afterEach puts them back. */
function stubEnvs(values: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
}

describe("secret", () => {
  afterEach(() => vi.unstubAllEnvs());
  const noSecret = (): SesameConfig => ({ providers: [passwordProvider], trustHost: true });

  test("missing: a Configuration error naming AUTH_SECRET and `npx sesame-auth secret`", async () => {
    stubEnvs({ AUTH_SECRET: undefined, NEXTAUTH_SECRET: undefined });
    const errors: Error[] = [];
    const response = await Auth(new Request(`${ORIGIN}/api/auth/session`), { ...noSecret(), logger: { error: (e) => errors.push(e) } });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe("Configuration");
    expect(body.message).toContain("AUTH_SECRET");
    expect(body.message).toContain("npx sesame-auth secret");
    expect(errors[0]?.name).toBe("MissingSecret");
  });

  test("shorter than 32 characters: InvalidSecret, with the length and the fix", async () => {
    const response = await Auth(new Request(`${ORIGIN}/api/auth/session`), { ...noSecret(), secret: "short", logger: { error: () => {} } });
    const body = (await response.json()) as { message: string };
    expect(body.message).toMatch(/^InvalidSecret: The secret is 5 characters long; it must be at least 32\. Generate one with `npx sesame-auth secret`/);
  });

  test("read from AUTH_SECRET, or NEXTAUTH_SECRET for NextAuth apps", async () => {
    for (const name of ["AUTH_SECRET", "NEXTAUTH_SECRET"]) {
      stubEnvs({ AUTH_SECRET: undefined, NEXTAUTH_SECRET: undefined, [name]: SECRET });
      const token = await encode({ token: { sub: "1" } });
      expect(await decode({ token, secret: SECRET }), name).not.toBeNull();
    }
  });

  test("in production the details stay in the logs", async () => {
    stubEnvs({ NODE_ENV: "production", AUTH_URL: ORIGIN, AUTH_SECRET: undefined, NEXTAUTH_SECRET: undefined });
    const response = await Auth(new Request(`${ORIGIN}/api/auth/session`), { ...noSecret(), logger: { error: () => {} } });
    expect(await response.json()).toEqual({ error: "Configuration", message: "The server is not configured correctly; see its logs." });
  });
});

describe("host", () => {
  afterEach(() => vi.unstubAllEnvs());
  const untrusted = (): SesameConfig => ({ secret: SECRET, providers: [passwordProvider], logger: { error: () => {} }, session: { exposeUserId: true } });

  test("in production an untrusted Host header is refused with a clear error", async () => {
    stubEnvs({ NODE_ENV: "production", AUTH_URL: undefined, NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: undefined });
    const errors: Error[] = [];
    const response = await Auth(new Request("https://evil.example/api/auth/providers"), { ...untrusted(), logger: { error: (e) => errors.push(e) } });
    expect(response.status).toBe(500);
    expect(errors[0]?.name).toBe("UntrustedHost");
    expect(errors[0]?.message).toContain("AUTH_URL");
  });

  test("reading a session needs no trusted host: getSession works in production without AUTH_URL", async () => {
    stubEnvs({ NODE_ENV: "production", AUTH_URL: undefined, NEXTAUTH_URL: undefined, AUTH_TRUST_HOST: undefined });
    const token = await encode({ token: { sub: "5" }, secret: SECRET });
    const request = new Request("https://app.example.com/page", { headers: { cookie: `__Secure-sesame.session-token=${token}` } });
    expect((await getSession(request, untrusted())).session?.user?.id).toBe("5");
  });

  test("AUTH_URL sets the public origin whatever the Host header says", async () => {
    stubEnvs({ NODE_ENV: "production", AUTH_URL: "https://app.example.com" });
    const response = await Auth(new Request("http://10.0.0.5/api/auth/providers", { headers: { host: "evil.example" } }), untrusted());
    const body = (await response.json()) as Record<string, { signinUrl: string }>;
    expect(body.credentials!.signinUrl).toBe("https://app.example.com/api/auth/signin/credentials");
  });

  test("trustHost (or AUTH_TRUST_HOST=true) allows the request's host", async () => {
    stubEnvs({ NODE_ENV: "production", AUTH_TRUST_HOST: "true", AUTH_URL: undefined, NEXTAUTH_URL: undefined });
    expect((await Auth(new Request("https://app.example.com/api/auth/providers"), untrusted())).status).toBe(200);
  });
});

describe("bad input", () => {
  const post = async (body: BodyInit, contentType: string, extra: Record<string, string> = {}) => {
    const browser = new Browser(config());
    const csrf = await browser.csrf();
    void csrf;
    return browser.fetch("/api/auth/session", { method: "POST", headers: { "content-type": contentType, ...extra }, body });
  };

  test.each([
    ["malformed JSON", "{not json", "application/json", "The request body is not valid JSON."],
    ["a JSON array", "[1,2]", "application/json", "The JSON body must be an object."],
    ["JSON sent as a form", '{"csrfToken":"x"}', "application/x-www-form-urlencoded", "The request body is not a form."],
    ["an unsupported content type", "<xml/>", "application/xml", 'Unsupported content type "application/xml": send application/x-www-form-urlencoded or application/json.'],
    ["a body over 64 KiB", "a=" + "x".repeat(70_000), "application/x-www-form-urlencoded", "The request body is larger than 65536 bytes."],
  ])("%s → 400 InvalidRequest with a message, no stack", async (_name, body, type, message) => {
    const response = await post(body, type);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: "InvalidRequest", message });
    expectNoStack(text);
  });

  test("a percent-escape that does not decode in the provider segment is a 404", async () => {
    const response = await new Browser(config()).fetch("/api/auth/callback/%E0%A4%A");
    expect(response.status).toBe(404);
    expectNoStack(await response.text());
  });

  test("a callback that throws outside sign-in ends the session and tells the visitor nothing: null, cookie cleared, the cause logged", async () => {
    const logged: Error[] = [];
    const browser = new Browser(
      config({
        callbacks: {
          session: () => {
            throw new Error("secret internals at /srv/x.ts:1");
          },
        },
        logger: { error: (error) => void logged.push(error), warn: () => {}, debug: () => {} },
      }),
    );
    await browser.signIn();
    const response = await browser.fetch("/api/auth/session");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toBeNull();
    expect(text).not.toContain("internals");
    expectNoStack(text);
    expect(sessionCookie(browser)).toBeUndefined();
    expect((logged[0]?.cause as Error).message).toBe("secret internals at /srv/x.ts:1");
  });

  test("an invalid config option is a clear configuration error", async () => {
    const errors: Error[] = [];
    const response = await Auth(new Request(`${ORIGIN}/api/auth/session`), config({ session: { maxAge: -1 }, logger: { error: (e) => errors.push(e) } }));
    expect(response.status).toBe(500);
    expect(errors[0]?.message).toBe("`session.maxAge` must be a positive number of seconds; got -1.");
  });
});
