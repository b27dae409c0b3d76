import { describe, expect, test } from "vitest";
import { readChunkedCookie, writeChunkedCookie } from "../../../src/core/cookies/chunking.js";
import { parseCookies, serializeCookie } from "../../../src/core/cookies/serialize.js";
import { Browser, config, sessionCookie, setCookies } from "../../support/helpers.js";
describe("cookie attributes", () => {
    test("on https: Secure, and the __Secure- / __Host- prefixes", async () => {
        const browser = new Browser(config(), "https://app.example.com");
        await browser.signIn();
        const response = await browser.fetch("/api/auth/signin?callbackUrl=/a");
        const names = [...browser.jar.keys()].sort();
        expect(names).toEqual(["__Host-sesame.callback-url", "__Host-sesame.csrf-token", "__Host-sesame.session-token"]);
        for (const cookie of setCookies(response))
            expect(cookie.attributes.secure, cookie.name).toBe(true);
        expect(await browser.session()).toMatchObject({ user: { name: "Alice" } });
    });
    test("on http: no Secure attribute and no prefixes (browsers would drop them)", async () => {
        const browser = new Browser(config());
        const response = await browser.fetch("/api/auth/csrf");
        expect(setCookies(response)[0]).toMatchObject({ name: "sesame.csrf-token" });
        expect(setCookies(response)[0].attributes.secure).toBeUndefined();
    });
    test("cookies.*.options.domain shares the session across subdomains (and drops __Host-)", async () => {
        const shared = { options: { domain: ".example.com" } };
        const browser = new Browser(config({ cookies: { sessionToken: shared, csrfToken: shared } }), "https://app.example.com");
        const csrf = await browser.fetch("/api/auth/csrf");
        expect(setCookies(csrf)[0]).toMatchObject({ name: "__Secure-sesame.csrf-token", attributes: { domain: ".example.com" } });
        const signIn = await browser.signIn();
        expect(setCookies(signIn).find((c) => c.name === "__Secure-sesame.session-token")?.attributes.domain).toBe(".example.com");
    });
    test("names and options are configurable as in NextAuth", async () => {
        const browser = new Browser(config({ cookies: { sessionToken: { name: "my-session", options: { sameSite: "strict" } } } }));
        const response = await browser.signIn();
        expect(setCookies(response).find((c) => c.name === "my-session")?.attributes).toMatchObject({ samesite: "Strict", httponly: true });
        expect(await browser.session()).not.toBeNull();
    });
});
describe("chunking above the browser's 4 KB limit", () => {
    const big = (size) => config({
        callbacks: {
            // Random data does not compress: the token grows by about `size` characters.
            jwt: ({ token, user }) => (user ? { ...token, blob: Array.from(crypto.getRandomValues(new Uint8Array(size)), (b) => b.toString(16).padStart(2, "0")).join("") } : token),
        },
    });
    test("a large session is split into name.0, name.1, … each within 4096 bytes, and read back", async () => {
        const browser = new Browser(big(5000));
        const response = await browser.signIn();
        const chunks = setCookies(response).filter((c) => c.name.startsWith("sesame.session-token"));
        expect(chunks.length).toBeGreaterThan(1);
        expect(chunks.map((c) => c.name)).toEqual(chunks.map((_, i) => `sesame.session-token.${i}`));
        for (const header of response.headers.getSetCookie())
            expect(header.length).toBeLessThanOrEqual(4096);
        expect(await browser.session()).toMatchObject({ user: { name: "Alice" } });
    });
    test("when the token shrinks, the chunks it no longer needs are expired", async () => {
        let size = 5000;
        const browser = new Browser(config({ callbacks: { jwt: ({ token }) => ({ ...token, blob: "x".repeat(size) }) } }));
        await browser.signIn();
        const oldChunks = [...browser.jar.keys()].filter((k) => k.startsWith("sesame.session-token.")).sort();
        expect(oldChunks.length).toBeGreaterThan(1);
        size = 10;
        const response = await browser.fetch("/api/auth/session");
        const set = setCookies(response);
        expect(set.find((c) => c.name === "sesame.session-token")?.value).toBeTruthy();
        expect(set.filter((c) => c.attributes["max-age"] === "0").map((c) => c.name).sort()).toEqual(oldChunks);
        expect([...browser.jar.keys()].filter((k) => k.startsWith("sesame.session-token"))).toEqual(["sesame.session-token"]);
        expect(await browser.session()).not.toBeNull();
    });
    test("signing out clears every chunk", async () => {
        const browser = new Browser(big(5000));
        await browser.signIn();
        await browser.postForm("/api/auth/signout", { csrfToken: await browser.csrf() });
        expect(sessionCookie(browser)).toBeUndefined();
        expect([...browser.jar.keys()].some((k) => k.startsWith("sesame.session-token"))).toBe(false);
    });
    test("chunks are read in order and stop at a gap", () => {
        const cookies = parseCookies("s.1=b; s.0=a; s.3=z");
        expect(readChunkedCookie(cookies, "s")).toBe("ab");
        expect(readChunkedCookie(parseCookies("other=1"), "s")).toBeUndefined();
    });
    test("writing a small value over old chunks expires them and keeps unrelated cookies", () => {
        const set = writeChunkedCookie("s", "v", { path: "/" }, parseCookies("s.0=a; s.1=b; s.x=keep; sx=keep"));
        expect(set).toEqual(["s=v; Path=/", expect.stringMatching(/^s\.0=; Max-Age=0/), expect.stringMatching(/^s\.1=; Max-Age=0/)]);
    });
});
describe("cookie parsing and serialising", () => {
    test("first occurrence wins; quoted and percent-encoded values are decoded; junk is skipped", () => {
        const cookies = parseCookies('a=1; a=2; b="x y"; c=%3D%3D; junk; d=%E0%A4%A');
        expect(Object.fromEntries(cookies)).toEqual({ a: "1", b: "x y", c: "==", d: "%E0%A4%A" });
    });
    test("serialised values that need it are encoded, and bad names refused", () => {
        expect(serializeCookie("n", "a;b", { httpOnly: true, sameSite: "lax" })).toBe("n=a%3Bb; Path=/; HttpOnly; SameSite=Lax");
        expect(() => serializeCookie("bad name", "v")).toThrow(TypeError);
    });
});
