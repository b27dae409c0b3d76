import { describe, expect, test } from "vitest";
import { decode, encode, getToken } from "../src/jwt.js";
import { Browser, SECRET, config, sessionCookie } from "./support/helpers.js";
describe("sesame/jwt", () => {
    test("encode sets iat, exp (maxAge) and jti; decode returns the claims", async () => {
        const before = Math.floor(Date.now() / 1000);
        const token = await encode({ token: { sub: "1", role: "admin" }, secret: SECRET, maxAge: 60 });
        const claims = await decode({ token, secret: SECRET });
        expect(claims).toMatchObject({ sub: "1", role: "admin", jti: expect.stringMatching(/^[\w-]{22}$/) });
        expect(claims.iat).toBeGreaterThanOrEqual(before);
        expect(claims.exp).toBe(claims.iat + 60);
    });
    test("the token is a compact JWE, dir + A256GCM; a short key id appears when secrets rotate", async () => {
        const header = (token) => JSON.parse(atob(token.split(".")[0]));
        expect(header(await encode({ token: { sub: "1" }, secret: SECRET }))).toEqual({ alg: "dir", enc: "A256GCM" });
        const rotated = await encode({ token: { sub: "1" }, secret: ["rotated-secret-gggggggggggggggggggggggggg", SECRET] });
        expect(header(rotated)).toEqual({ alg: "dir", enc: "A256GCM", kid: expect.stringMatching(/^[\w-]{4}$/) });
    });
    test("a salt separates keys: a token made for one purpose does not decode for another", async () => {
        const token = await encode({ token: { sub: "1" }, secret: SECRET, salt: "invite" });
        expect(await decode({ token, secret: SECRET, salt: "invite" })).not.toBeNull();
        expect(await decode({ token, secret: SECRET })).toBeNull();
    });
    test("decode of nothing is null", async () => {
        expect(await decode({ token: undefined, secret: SECRET })).toBeNull();
        expect(await decode({ token: "", secret: SECRET })).toBeNull();
    });
    test("decoded claims are fresh objects: mutating one does not change the next read", async () => {
        const token = await encode({ token: { sub: "1", nested: { n: 1 } }, secret: SECRET });
        const first = await decode({ token, secret: SECRET });
        first.nested.n = 99;
        expect((await decode({ token, secret: SECRET })).nested).toEqual({ n: 1 });
    });
    describe("getToken", () => {
        test("reads the session cookie of a Request, including a chunked one", async () => {
            const browser = new Browser(config({ callbacks: { jwt: ({ token }) => ({ ...token, blob: "y".repeat(6000) }) } }));
            await browser.signIn();
            expect([...browser.jar.keys()]).toContain("sesame.session-token.1");
            const token = await getToken({ req: browser.request("/"), secret: SECRET });
            expect(token).toMatchObject({ sub: "1", name: "Alice" });
            expect(await getToken({ req: browser.request("/"), secret: SECRET, raw: true })).toBe(sessionCookie(browser));
        });
        test("reads Node-style header records and the secure cookie name on https", async () => {
            const token = await encode({ token: { sub: "2" }, secret: SECRET });
            const req = { url: "https://app.example.com/", headers: { cookie: [`__Secure-sesame.session-token=${token}`] } };
            expect(await getToken({ req, secret: SECRET })).toMatchObject({ sub: "2" });
            expect(await getToken({ req, secret: SECRET, secureCookie: false })).toBeNull();
        });
        test("falls back to Authorization: Bearer, and a custom cookie name", async () => {
            const token = await encode({ token: { sub: "3" }, secret: SECRET });
            expect(await getToken({ req: new Request("http://x/", { headers: { authorization: `Bearer ${token}` } }), secret: SECRET })).toMatchObject({ sub: "3" });
            expect(await getToken({ req: new Request("http://x/", { headers: { cookie: `mine=${token}` } }), secret: SECRET, cookieName: "mine" })).toMatchObject({ sub: "3" });
        });
        test("no token, or an invalid one, is null", async () => {
            expect(await getToken({ req: new Request("http://x/"), secret: SECRET })).toBeNull();
            expect(await getToken({ req: new Request("http://x/", { headers: { cookie: "sesame.session-token=bad" } }), secret: SECRET })).toBeNull();
        });
    });
});
