/**
 * Bodies an attacker streams: a POST with `Transfer-Encoding: chunked` announces no Content-Length, so the
 * length check cannot refuse it up front. Found in the review that followed the audit of issue 28 ("what
 * happens if it is huge"): `request.text()` buffered the whole stream, however long, before the 64 KiB cap
 * was checked.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { Auth } from "../../src/index.js";
import { ORIGIN, config } from "../support/helpers.js";
/** A body of `total` bytes in 16 KiB chunks, counting how many bytes the server actually pulled. */
function streamedBody(total) {
    const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
    let pulled = 0;
    const stream = new ReadableStream({
        pull(controller) {
            if (pulled >= total)
                return controller.close();
            pulled += chunk.byteLength;
            controller.enqueue(chunk);
        },
    });
    return { stream, pulled: () => pulled };
}
function post(body) {
    // `duplex: "half"` is what a streamed request body needs on Node's fetch; it is not in the DOM typings.
    const init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body, duplex: "half" };
    return new Request(`${ORIGIN}/api/auth/callback/credentials`, init);
}
describe("request bodies without a Content-Length", () => {
    // Regression (review after issue 28): request.text() buffered a chunked body of any size before the 64 KiB cap was checked.
    test("[V5.1.4][V12.1.1] a chunked 32 MiB body is refused after at most 64 KiB + one chunk is read, with a typed 400", async () => {
        const body = streamedBody(32 * 1024 * 1024);
        const response = await Auth(post(body.stream), config());
        expect(response.status).toBeGreaterThanOrEqual(300);
        expect(response.status).toBeLessThan(500);
        const location = response.headers.get("location");
        if (location)
            expect(new URL(location).searchParams.get("error")).toBe("InvalidRequest");
        else
            expect((await response.json()).error).toBe("InvalidRequest");
        // The stream may be ahead of the reader by one queued chunk; anything near the 32 MiB means it was buffered.
        expect(body.pulled()).toBeLessThanOrEqual(64 * 1024 + 2 * 16 * 1024);
    });
    test("a chunked body under the cap is read whole (a sign-in form streamed in pieces still works)", async () => {
        const appConfig = config();
        const csrf = await Auth(new Request(`${ORIGIN}/api/auth/csrf`), appConfig);
        const { csrfToken } = (await csrf.json());
        const cookie = csrf.headers.getSetCookie()[0].split(";")[0];
        const form = new TextEncoder().encode(new URLSearchParams({ csrfToken, username: "alice", password: "wonderland" }).toString());
        const stream = new ReadableStream({
            start(controller) {
                for (let i = 0; i < form.length; i += 7)
                    controller.enqueue(form.slice(i, i + 7));
                controller.close();
            },
        });
        const request = post(stream);
        request.headers.set("cookie", cookie);
        const response = await Auth(request, appConfig);
        expect(response.status).toBe(302);
        expect(response.headers.get("location")).toBe(`${ORIGIN}/`);
        expect(response.headers.getSetCookie().some((c) => c.startsWith("sesame.session-token="))).toBe(true);
    });
});
/** Bodies shaped to hurt parsers: deep nesting, many keys, long runs, escapes, broken UTF-8, near the cap. */
const hostileBody = fc.oneof(fc.string({ unit: "binary", maxLength: 2_000 }), fc.integer({ min: 1, max: 60_000 }).map((depth) => "[".repeat(depth)), fc.integer({ min: 1, max: 30_000 }).map((depth) => '{"a":'.repeat(depth)), fc.integer({ min: 1, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => `k${i}=v`).join("&")), fc.integer({ min: 1, max: 60_000 }).map((n) => "%".repeat(n)), fc.integer({ min: 1, max: 20_000 }).map((n) => "%E0%A4%A".repeat(Math.ceil(n / 8))), fc.integer({ min: 1, max: 60_000 }).map((n) => "=&".repeat(Math.ceil(n / 2))), fc.uint8Array({ maxLength: 4_000 }));
describe("fuzz: request bodies", () => {
    test("[V5.1.4][V7.4.1] hostile bodies on every POST route: a typed 4xx (or the error page), never a 500, within 250 ms each", async () => {
        const appConfig = config();
        const routes = ["callback/credentials", "signin/credentials", "signout", "session", "sessions/revoke"];
        const types = ["application/x-www-form-urlencoded", "application/json", "", "text/plain", "multipart/form-data; boundary=x"];
        let slowest = 0;
        await fc.assert(fc.asyncProperty(hostileBody, fc.constantFrom(...routes), fc.constantFrom(...types), async (body, route, type) => {
            const headers = type ? { "content-type": type } : undefined;
            const request = new Request(`${ORIGIN}/api/auth/${route}`, { method: "POST", headers, body: body });
            const started = performance.now();
            const response = await Auth(request, appConfig);
            const text = await response.text();
            slowest = Math.max(slowest, performance.now() - started);
            expect(response.status).toBeLessThan(500);
            expect(text).not.toMatch(/\n\s+at |\.ts:\d+|node_modules/);
        }), { numRuns: 300 });
        // A generous bound: the point is "no input is pathological", not a benchmark.
        expect(slowest).toBeLessThan(250);
    });
});
