/**
 * The proxy adds the session's cookies to whatever the app's handler answers. A `Response.redirect()` has
 * immutable headers: adding to them threw, so a handler that redirected while the session was being cleared
 * (a revoked or invalid cookie) or renewed answered 500 instead, and the clearing cookie never went out.
 * Found in the review after the audit of issue 28. Runs in-process, no Next.js build.
 */
import { NextRequest } from "next/server.js";
import { describe, expect, test } from "vitest";
import { Sesame } from "../../src/next/index.js";
import { ORIGIN, config } from "../support/helpers.js";
describe("the proxy and the app's own response", () => {
    // Regression (review after issue 28): adding the session's cookies to a Response.redirect()'s immutable headers threw: a 500, no clearing cookie.
    test("[V3.3.1] a handler that answers Response.redirect() while the session cookie is cleared: the redirect goes out, with the clearing cookie", async () => {
        const { auth } = Sesame(config());
        const proxy = auth(() => Response.redirect(new URL("/elsewhere", ORIGIN), 307));
        const request = new NextRequest(new URL("/admin", ORIGIN), { headers: { cookie: "sesame.session-token=not-a-valid-token" } });
        const response = await proxy(request, {});
        expect(response.status).toBe(307);
        expect(response.headers.get("location")).toBe(`${ORIGIN}/elsewhere`);
        const cleared = response.headers.getSetCookie().find((c) => c.startsWith("sesame.session-token="));
        expect(cleared).toMatch(/Max-Age=0/);
    });
});
