/**
 * Bodies an attacker streams: a POST with `Transfer-Encoding: chunked` announces no Content-Length, so the
 * length check cannot refuse it up front. Found in the review that followed the audit of issue 28 ("what
 * happens if it is huge"): `request.text()` buffered the whole stream, however long, before the 64 KiB cap
 * was checked.
 */
import { describe, expect, test } from "vitest";
import { Auth } from "../../src/index.js";
import { ORIGIN, config } from "../helpers.js";

/** A body of `total` bytes in 16 KiB chunks, counting how many bytes the server actually pulled. */
function streamedBody(total: number) {
  const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

function post(body: ReadableStream<Uint8Array>): Request {
  // `duplex: "half"` is what a streamed request body needs on Node's fetch; it is not in the DOM typings.
  const init = { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body, duplex: "half" } as RequestInit;
  return new Request(`${ORIGIN}/api/auth/callback/credentials`, init);
}

describe("request bodies without a Content-Length", () => {
  test("[V5.1.4][V12.1.1] a chunked 32 MiB body is refused after at most 64 KiB + one chunk is read, with a typed 400", async () => {
    const body = streamedBody(32 * 1024 * 1024);
    const response = await Auth(post(body.stream), config());
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(500);
    const location = response.headers.get("location");
    if (location) expect(new URL(location).searchParams.get("error")).toBe("InvalidRequest");
    else expect(((await response.json()) as { error: string }).error).toBe("InvalidRequest");
    // The stream may be ahead of the reader by one queued chunk; anything near the 32 MiB means it was buffered.
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024 + 2 * 16 * 1024);
  });

  test("a chunked body under the cap is read whole (a sign-in form streamed in pieces still works)", async () => {
    const appConfig = config();
    const csrf = await Auth(new Request(`${ORIGIN}/api/auth/csrf`), appConfig);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers.getSetCookie()[0]!.split(";")[0]!;
    const form = new TextEncoder().encode(new URLSearchParams({ csrfToken, username: "alice", password: "wonderland" }).toString());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < form.length; i += 7) controller.enqueue(form.slice(i, i + 7));
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
