/**
 * The attack table: one row per attack, each named with the OWASP ASVS v4.0.3 requirement and/or the
 * RFC 9700 (OAuth 2.0 Security Best Current Practice) section it answers to. Everything runs for real:
 * `Auth()` in-process, real JWE cookies, a real SQLite database for database sessions. SECURITY.md at the
 * repository root points at these test names.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SqlAdapter } from "../../src/adapters/sql.js";
import { MemoryRevocationStore, type SesameConfig } from "../../src/index.js";
import { decode } from "../../src/jwt.js";
import { sqliteDatabase, type TestDatabase } from "../support/databases.js";
import { Browser, ORIGIN, SECRET, config, sessionCookie, setCookies } from "../support/helpers.js";

const SESSION = "sesame.session-token";
const CSRF = "sesame.csrf-token";

let database: TestDatabase;
let dbConfig: SesameConfig;
beforeAll(async () => {
  database = await sqliteDatabase();
  dbConfig = config({ adapter: SqlAdapter(database.db) });
});
afterAll(() => database.drop());

/** No body may carry a stack trace or a source location. */
function expectNoStack(text: string) {
  expect(text).not.toMatch(/\n\s+at |\.ts:\d+|\.js:\d+|node_modules|Error: /);
}

async function signedIn(appConfig: SesameConfig): Promise<Browser> {
  const browser = new Browser(appConfig);
  const response = await browser.signIn();
  expect(response.status).toBe(302);
  expect(sessionCookie(browser)).toBeDefined();
  return browser;
}

/** A fresh client carrying only `cookie` as its session: what an attacker holding a copy could do. */
async function replay(appConfig: SesameConfig, cookie: string): Promise<unknown> {
  const thief = new Browser(appConfig);
  thief.jar.set(SESSION, cookie);
  return thief.session();
}

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** One random mutation of `token`: a bit flip, a truncation, an insertion, or a base64 alphabet swap. */
function mutate(token: string, random: () => number): string {
  const at = (n: number) => Math.floor(random() * n);
  const i = at(token.length);
  switch (at(6)) {
    case 0: {
      // flip one bit of one character
      const flipped = String.fromCharCode(token.charCodeAt(i) ^ (1 << at(7)));
      return token.slice(0, i) + flipped + token.slice(i + 1);
    }
    case 1:
      // truncate (from either end)
      return random() < 0.5 ? token.slice(0, i) : token.slice(i + 1);
    case 2: {
      // insert 1–8 random base64url / separator characters
      const inserted = Array.from({ length: 1 + at(8) }, () => (BASE64URL + ".=")[at(BASE64URL.length + 2)]).join("");
      return token.slice(0, i) + inserted + token.slice(i);
    }
    case 3: {
      // replace one character with another of the base64url alphabet
      let c = BASE64URL[at(BASE64URL.length)]!;
      if (c === token[i]) c = c === "A" ? "B" : "A";
      return token.slice(0, i) + c + token.slice(i + 1);
    }
    case 4:
      // swap to the standard base64 alphabet (what a careless proxy or decoder might do)
      return token.replaceAll("-", "+").replaceAll("_", "/") + (random() < 0.5 ? "=" : "");
    default: {
      // swap two characters
      const j = at(token.length);
      if (token[i] === token[j]) return token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
      const chars = [...token];
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
      return chars.join("");
    }
  }
}

describe("attacks on Sesame, mapped to OWASP ASVS v4.0.3 and RFC 9700", () => {
  describe("session fixation — ASVS V3.2.1 (new session token on authentication)", () => {
    test.each([
      ["JWT", () => config()],
      ["database", () => dbConfig],
    ])("[V3.2.1] %s strategy: a session cookie planted before sign-in is replaced at sign-in", async (_strategy, make) => {
      const appConfig = make();
      // The attacker's own valid session, planted in the victim's browser.
      const attacker = await signedIn(appConfig);
      const planted = sessionCookie(attacker)!;
      expect(await replay(appConfig, planted)).toMatchObject({ user: { name: "Alice" } });

      const victim = new Browser(appConfig);
      victim.jar.set(SESSION, planted);
      const response = await victim.signIn();
      const issued = setCookies(response).find((c) => c.name === SESSION);
      expect(issued?.value).toBeTruthy();
      expect(issued!.value).not.toBe(planted);
      expect(sessionCookie(victim)).not.toBe(planted);

      // And a made-up value is not adopted either.
      const other = new Browser(appConfig);
      other.jar.set(SESSION, "attacker-chosen-value");
      await other.signIn();
      expect(sessionCookie(other)).not.toBe("attacker-chosen-value");
    });
  });

  describe("cookie tampering — ASVS V3.5.3 (stateless tokens protected against tampering)", () => {
    test("[V3.5.3] 100 000 random mutations of a valid JWE session cookie: 0 accepted", async () => {
      const browser = await signedIn(config());
      const valid = sessionCookie(browser)!;
      // The untouched cookie must decode, or the loop below would prove nothing.
      expect(await decode({ token: valid, secret: SECRET })).toMatchObject({ name: "Alice" });
      const random = prng(0x5e5a3e);
      let tried = 0;
      const accepted: string[] = [];
      for (let n = 0; n < 100_000; n++) {
        const token = mutate(valid, random);
        if (token === valid) continue;
        tried++;
        if ((await decode({ token, secret: SECRET })) !== null) accepted.push(token);
      }
      expect(tried).toBeGreaterThan(99_000);
      expect(accepted).toEqual([]);
    });

    test("[V3.5.3] 2 000 mutated JWE cookies through Auth(): never a session, never a 500", async () => {
      const valid = sessionCookie(await signedIn(config()))!;
      const appConfig = config();
      const random = prng(42);
      for (let n = 0; n < 2_000; n++) {
        const token = mutate(valid, random);
        if (token === valid) continue;
        const body = await replay(appConfig, encodeURIComponent(token));
        expect(body, token).toBeNull();
      }
    });

    test("[V3.5.3][V3.2.2] 2 000 mutated database session cookies through Auth(): never a session", async () => {
      const valid = sessionCookie(await signedIn(dbConfig))!;
      expect(await replay(dbConfig, valid)).toMatchObject({ user: { name: "Alice" } });
      const random = prng(7);
      for (let n = 0; n < 2_000; n++) {
        const token = mutate(valid, random);
        if (token === valid) continue;
        expect(await replay(dbConfig, encodeURIComponent(token)), token).toBeNull();
      }
    });
  });

  describe("replay after sign-out — ASVS V3.3.1 (logout invalidates the session)", () => {
    test.each([
      ["database session", () => dbConfig],
      ["JWT with revocation", () => config({ revocation: { store: MemoryRevocationStore() } })],
    ])("[V3.3.1] %s: a copy of the cookie taken before sign-out is refused after it", async (_name, make) => {
      const appConfig = make();
      const browser = await signedIn(appConfig);
      const copy = sessionCookie(browser)!;
      expect(await replay(appConfig, copy)).toMatchObject({ user: { name: "Alice" } });
      const out = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
      expect(out.status).toBe(302);
      expect(await browser.session()).toBeNull();
      expect(await replay(appConfig, copy)).toBeNull();
    });
  });

  describe("CSRF — ASVS V4.2.2, RFC 9700 §4.7: every state-changing POST needs the double-submit token", () => {
    const routes = [
      "/api/auth/signin/credentials",
      "/api/auth/callback/credentials",
      "/api/auth/signout",
      "/api/auth/session",
      "/api/auth/sessions/revoke",
      "/api/auth/sessions/revoke-others",
    ];
    const tokens: Array<[string, (b: Browser) => Promise<Record<string, string>>]> = [
      ["no csrfToken", async () => ({})],
      ["a wrong csrfToken", async (b) => (await b.csrf(), { csrfToken: "A".repeat(43) })],
      ["the right csrfToken without its cookie", async (b) => {
        const csrfToken = await b.csrf();
        b.jar.delete(CSRF);
        return { csrfToken };
      }],
    ];
    for (const path of routes) {
      test.each(tokens)(`[V4.2.2][RFC9700 4.7] POST ${path} with %s → 403 MissingCSRF, nothing changes`, async (_name, token) => {
        // Two devices of Alice on database sessions, so revoke and revoke-others have something to do.
        const other = await signedIn(dbConfig);
        const browser = await signedIn(dbConfig);
        const before = sessionCookie(browser);
        const list = async () => ((await (await browser.fetch("/api/auth/sessions")).json()) as { sessions: Array<{ id: string; current: boolean }> }).sessions;
        const sessionsBefore = await list();
        const otherId = sessionsBefore.find((s) => !s.current)!.id;

        const body = { ...(await token(browser)), username: "alice", password: "wonderland", id: otherId, data: { name: "Eve" } };
        const response = await browser.postJson(path, body);
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: "MissingCSRF" });
        expect(setCookies(response).filter((c) => c.name === SESSION)).toEqual([]);
        expect(sessionCookie(browser)).toBe(before);
        expect(await browser.session()).toMatchObject({ user: { name: "Alice" } });
        expect(await other.session()).toMatchObject({ user: { name: "Alice" } });
        expect((await list()).map((s) => s.id)).toEqual(sessionsBefore.map((s) => s.id));
      });
    }

    test("[V4.2.2][RFC9700 4.7] login CSRF: credentials posted without the CSRF cookie and token sign no one in", async () => {
      const victim = new Browser(config());
      const response = await victim.postForm("/api/auth/callback/credentials", { username: "alice", password: "wonderland" });
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get("location")!).searchParams.get("error")).toBe("MissingCSRF");
      expect(setCookies(response).filter((c) => c.name === SESSION)).toEqual([]);
      expect(await victim.session()).toBeNull();
    });

    test("[V4.2.2][RFC9700 4.7] login CSRF: a token from the attacker's own browser does not work in the victim's", async () => {
      const attacker = new Browser(config());
      const csrfToken = await attacker.csrf();
      const victim = new Browser(config());
      const response = await victim.postJson("/api/auth/callback/credentials", { csrfToken, username: "alice", password: "wonderland" });
      expect(response.status).toBe(403);
      expect(await victim.session()).toBeNull();
    });
  });

  describe("open redirects — ASVS V5.1.5, RFC 9700 §4.11.1 (client as open redirector)", () => {
    const attacks = [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://localhost:3000@evil.example",
      "http://localhost:3000@evil.example",
      "%2F%2Fevil.example",
      "https:evil.example",
      "javascript:alert(1)",
      "/%09/evil.example",
      "/\t/evil.example",
    ];

    test.each(attacks)("[V5.1.5][RFC9700 4.11.1] callbackUrl %j: Location after sign-in is same-origin", async (url) => {
      const response = await new Browser(config()).signIn({ username: "alice", password: "wonderland", callbackUrl: url });
      expect(response.status).toBe(302);
      const location = response.headers.get("location")!;
      expect(new URL(location).origin).toBe(ORIGIN);
      // What the browser does with it: resolved against the page it is on, it still stays here.
      expect(new URL(location, `${ORIGIN}/api/auth/callback/credentials`).origin).toBe(ORIGIN);
    });

    test.each(attacks)("[V5.1.5][RFC9700 4.11.1] callbackUrl %j: Location after sign-out is same-origin", async (url) => {
      const browser = await signedIn(config());
      const response = await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf(), callbackUrl: url });
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get("location")!).origin).toBe(ORIGIN);
    });

    test.each(attacks)("[V5.1.5][RFC9700 4.11.1] callbackUrl %j as JSON redirect ({ url }) is same-origin", async (url) => {
      const browser = new Browser(config());
      const response = await browser.postJson(
        "/api/auth/callback/credentials",
        { csrfToken: await browser.csrf(), username: "alice", password: "wonderland", callbackUrl: url },
        { "x-auth-return-redirect": "1" },
      );
      expect(response.status).toBe(200);
      expect(new URL(((await response.json()) as { url: string }).url).origin).toBe(ORIGIN);
    });
  });

  describe("brute force — ASVS V2.2.1 (anti-automation)", () => {
    test("[V2.2.1] default limits: the 6th and later wrong passwords for one identifier within 5 minutes get 429 RateLimited", async () => {
      const appConfig = config();
      const browser = new Browser(appConfig);
      const attempt = async (password: string) =>
        browser.postJson("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password }, { "x-auth-return-redirect": "1" });
      for (let i = 1; i <= 5; i++) expect((await attempt(`wrong-${i}`)).status, `attempt ${i}`).toBe(401);
      for (let i = 6; i <= 8; i++) {
        const response = await attempt(`wrong-${i}`);
        expect(response.status, `attempt ${i}`).toBe(429);
        expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await response.json()).toMatchObject({ error: "RateLimited" });
      }
      // The right password does not get through while locked, either.
      expect((await attempt("wonderland")).status).toBe(429);
      expect(sessionCookie(browser)).toBeUndefined();
      // Identifiers differ only in case or spaces: still the same counter.
      expect((await browser.postJson("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: " ALICE ", password: "x" }, { "x-auth-return-redirect": "1" })).status).toBe(429);
    });
  });

  describe("user enumeration — ASVS V2.2.1 / V7.4.1 (generic errors)", () => {
    /** Everything an observer sees of a response, timing aside. */
    async function observe(response: Response) {
      return {
        status: response.status,
        location: response.headers.get("location"),
        contentType: response.headers.get("content-type"),
        cookies: setCookies(response)
          .map((c) => `${c.name} ${JSON.stringify(c.attributes)}`)
          .sort(),
        body: await response.text(),
      };
    }

    test.each([
      ["form post (browser redirect)", {}, {}, 302],
      ["JSON redirect (json=true, next-auth 4's client)", { json: "true" }, {}, 401],
      // Auth.js v5's client: answered 200 with the error in the URL, as Auth.js answers it (test/compat/).
      ["JSON redirect (X-Auth-Return-Redirect, Auth.js v5's client)", {}, { "x-auth-return-redirect": "1" }, 200],
    ] as Array<[string, Record<string, string>, Record<string, string>, number]>)("[V7.4.1] %s: unknown user and wrong password answer identically", async (_name, fields, headers, status) => {
      const appConfig = config();
      const seen = [];
      for (const username of ["nobody-here", "alice"]) {
        const browser = new Browser(appConfig);
        const response = await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username, password: "not-the-password", callbackUrl: "/next", ...fields }, headers);
        seen.push(await observe(response));
      }
      expect(seen[0]!.status).toBe(status);
      expect(seen[0]!.location ?? JSON.parse(seen[0]!.body).url).toContain("error=CredentialsSignin");
      expect(seen[0]!.cookies.some((cookie) => cookie.includes("session-token"))).toBe(false);
      expect(seen[1]).toEqual(seen[0]);
    });
  });

  describe("token leakage — ASVS V3.1.1 (no session tokens in URLs), V7.4.1; RFC 9700 §4.3", () => {
    test("[V3.1.1][RFC9700 4.3] no session token in any Location, JSON redirect or response body of a full sign-in/sign-out", async () => {
      for (const appConfig of [config(), dbConfig]) {
        const browser = new Browser(appConfig);
        const responses: Response[] = [];
        const record = async (p: Promise<Response>) => {
          const response = await p;
          responses.push(response.clone());
          return response;
        };
        await record(browser.fetch("/api/auth/signin"));
        await record(browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland" }));
        const token = sessionCookie(browser)!;
        expect(token).toBeDefined();
        await record(browser.fetch("/api/auth/session"));
        await record(browser.postJson("/api/auth/session", { csrfToken: await browser.csrf(), data: {} }));
        await record(browser.fetch("/api/auth/signout"));
        if (appConfig === dbConfig) await record(browser.fetch("/api/auth/sessions"));
        await record(browser.postJson("/api/auth/signout", { csrfToken: await browser.csrf() }, { "x-auth-return-redirect": "1" }));
        // The secret parts must be absent: for a JWE everything after the (constant) protected header, for a
        // database session the secret after `<id>.` (the id is public: GET /sessions lists it).
        const needles = token.split(".").slice(1).filter((p) => p.length >= 16).map((p) => p.slice(0, 16));
        expect(needles.length).toBeGreaterThan(0);
        for (const response of responses) {
          const location = response.headers.get("location") ?? "";
          const body = await response.text();
          for (const needle of needles) {
            expect(location).not.toContain(needle);
            expect(body).not.toContain(needle);
          }
        }
      }
    });

    test("[V7.4.1] error pages and error JSON carry no session token, password or stack trace", async () => {
      const browser = await signedIn(config());
      const token = sessionCookie(browser)!;
      // The JWE ciphertext (the encrypted-key part of `dir` is empty).
      const secretPart = token.split(".").slice(1).find((p) => p.length >= 16)!.slice(0, 16);
      expect(secretPart).toHaveLength(16);
      const failures: Array<[string, Response, number]> = [
        ["wrong password, form", await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "s3cret-guess" }), 302],
        ["wrong password, JSON", await browser.postJson("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "s3cret-guess" }, { "x-auth-return-redirect": "1" }), 401],
        ["error page CredentialsSignin", await browser.fetch("/api/auth/error?error=CredentialsSignin"), 200],
        // The Configuration page answers 500 on purpose (as in Auth.js): the status says "server fault".
        ["error page Configuration", await browser.fetch("/api/auth/error?error=Configuration"), 500],
        ["error page with markup", await browser.fetch("/api/auth/error?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E"), 200],
        ["unknown action", await browser.fetch("/api/auth/nope"), 404],
        ["unknown provider", await browser.fetch("/api/auth/callback/unknown-provider"), 404],
        ["wrong CSRF token", await browser.postJson("/api/auth/session", { csrfToken: "wrong" }), 403],
        ["wrong method", await browser.fetch("/api/auth/session", { method: "DELETE" }), 405],
      ];
      for (const [name, response, status] of failures) {
        const location = response.headers.get("location") ?? "";
        const body = await response.text();
        // Only the Configuration page is a 5xx, and on purpose; everything else is the client's fault.
        expect(response.status >= 500, `${name}: ${response.status}`).toBe(status >= 500);
        for (const text of [location, body]) {
          expect(text, name).not.toContain(token.slice(0, 32));
          expect(text, name).not.toContain(secretPart);
          expect(text, name).not.toContain("s3cret-guess");
          expect(text, name).not.toContain("<script>");
          expectNoStack(text);
        }
      }
    });
  });

  describe("cookie attributes — ASVS V3.4.1–V3.4.5, V3.2.3", () => {
    test("[V3.4.1][V3.4.2][V3.4.3][V3.4.4][V3.4.5] on https: Secure, HttpOnly, SameSite=Lax, Path=/, __Host-/__Secure- prefixes", async () => {
      const browser = new Browser(config(), "https://app.example.com");
      const response = await browser.postForm("/api/auth/callback/credentials", { csrfToken: await browser.csrf(), username: "alice", password: "wonderland", callbackUrl: "/x" });
      expect(response.status).toBe(302);
      const all = [...setCookies(response), ...setCookies(await browser.fetch("/api/auth/csrf"))];
      const names = all.map((c) => c.name);
      expect(names).toContain("__Host-sesame.session-token");
      expect(all.some((c) => c.name === "__Host-sesame.csrf-token") || browser.jar.has("__Host-sesame.csrf-token")).toBe(true);
      for (const cookie of all) {
        expect(cookie.name, cookie.name).toMatch(/^__(Secure|Host)-sesame\./);
        expect(cookie.attributes.secure, cookie.name).toBe(true);
        expect(cookie.attributes.httponly, cookie.name).toBe(true);
        expect(String(cookie.attributes.samesite).toLowerCase(), cookie.name).toBe("lax");
        expect(cookie.attributes.path, cookie.name).toBe("/");
        if (cookie.name.startsWith("__Host-")) expect(cookie.attributes.domain, cookie.name).toBeUndefined();
      }
    });
  });

  describe("oversized and malformed input — never a 500 (ASVS V5.1.4, V13.1.x; V7.4.1)", () => {
    const cases: Array<[string, (b: Browser) => Promise<Response>]> = [
      ["a 1 MB form body", async (b) => b.fetch("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `csrfToken=${await b.csrf()}&username=${"a".repeat(1024 * 1024)}` })],
      ["a 1 MB JSON body with a Content-Length", async (b) => {
        const body = JSON.stringify({ csrfToken: await b.csrf(), username: "a".repeat(1024 * 1024) });
        return b.fetch("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/json", "content-length": String(body.length) }, body });
      }],
      ["a 100 KB cookie header on a POST", async (b) => {
        const csrfToken = await b.csrf();
        return b.fetch("/api/auth/session", { method: "POST", headers: { "content-type": "application/json", cookie: `${CSRF}=${b.jar.get(CSRF)}; junk=${"x".repeat(100_000)}` }, body: JSON.stringify({ csrfToken }) });
      }],
      ["a 100 KB session cookie on a POST", async (b) => {
        const csrfToken = await b.csrf();
        return b.fetch("/api/auth/signout", { method: "POST", headers: { "content-type": "application/json", cookie: `${CSRF}=${b.jar.get(CSRF)}; ${SESSION}=${"A".repeat(100_000)}` }, body: JSON.stringify({ csrfToken }) });
      }],
      ["invalid JSON", async (b) => (await b.csrf(), b.fetch("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/json" }, body: '{"csrfToken": "x", ' }))],
      ["non-UTF-8 bytes in a form", async (b) => {
        const csrfToken = await b.csrf();
        const bytes = new Uint8Array([...new TextEncoder().encode(`csrfToken=${csrfToken}&username=`), 0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, ...new TextEncoder().encode("&password=x&json=true")]);
        // JSON answers asked for with `json=true`: a form with `X-Auth-Return-Redirect` is Auth.js's client, answered 200 (test/compat/).
        return b.fetch("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: bytes });
      }],
      ["non-UTF-8 bytes in JSON", async (b) => {
        const bytes = new Uint8Array([...new TextEncoder().encode('{"csrfToken":"'), 0xff, 0xfe, 0xc3, 0x28, ...new TextEncoder().encode('"}')]);
        return b.fetch("/api/auth/session", { method: "POST", headers: { "content-type": "application/json" }, body: bytes });
      }],
      ["a form with 10 000 fields", async (b) => {
        const fields = Array.from({ length: 10_000 }, (_, i) => `f${i}=1`).join("&");
        return b.fetch("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" }, body: `${fields}&csrfToken=${await b.csrf()}&username=alice&password=x` });
      }],
      ["a JSON object with 10 000 keys", async (b) => {
        const body: Record<string, string> = { csrfToken: await b.csrf() };
        for (let i = 0; i < 10_000; i++) body[`k${i}`] = "1";
        return b.postJson("/api/auth/session", body);
      }],
    ];

    /** Browser form posts get the error page (302); API clients get a 4xx JSON error; junk cookies are ignored. */
    const expected: Record<string, "error page" | "json" | "ignored"> = {
      "a 1 MB form body": "error page",
      "a 100 KB cookie header on a POST": "ignored",
      "a 100 KB session cookie on a POST": "ignored",
    };

    test.each(cases)("[V5.1.4][V7.4.1] %s → a typed error (4xx JSON or the error page), never a 500 or a session", async (name, send) => {
      const browser = new Browser(config());
      const response = await send(browser);
      const text = await response.text();
      expect(response.status, text.slice(0, 300)).toBeLessThan(500);
      expectNoStack(text);
      expect(sessionCookie(browser)).toBeUndefined();
      const kind = expected[name] ?? "json";
      if (kind === "json") {
        expect(response.status, text.slice(0, 300)).toBeGreaterThanOrEqual(400);
        expect(JSON.parse(text)).toMatchObject({ error: expect.stringMatching(/^[A-Z]\w+$/) });
      } else if (kind === "error page") {
        expect(response.status).toBe(302);
        const location = new URL(response.headers.get("location")!);
        expect(location.origin + location.pathname).toBe(`${ORIGIN}/api/auth/error`);
        expect(location.searchParams.get("error")).toMatch(/^[A-Z]\w+$/);
      } else {
        expect(await browser.session()).toBeNull();
      }
    });
  });
});
