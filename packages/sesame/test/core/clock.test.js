/**
 * The one clock (core/clock.ts): token lifetimes read `nowSeconds()`, which reads `Date.now()`, so a test
 * moves every expiry check at once with fake timers, and `CLOCK_TOLERANCE_SECONDS` is the one allowance.
 */
import { afterEach, expect, test, vi } from "vitest";
import { CLOCK_TOLERANCE_SECONDS, nowSeconds } from "../../src/core/clock.js";
import { stampClaims, tokenCodec } from "../../src/core/token/codec.js";
import { SECRET } from "../support/helpers.js";
afterEach(() => {
    vi.useRealTimers();
});
test("fake timers move nowSeconds(), the claims it stamps and the expiry check, with the one tolerance", async () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00.500Z"), toFake: ["Date"] });
    const start = Date.UTC(2030, 0, 1) / 1000;
    expect(nowSeconds()).toBe(start);
    const claims = stampClaims({ sub: "1" }, 60);
    expect(claims).toMatchObject({ iat: start, exp: start + 60 });
    const codec = tokenCodec([SECRET], "clock-test");
    const token = await codec.encode(claims);
    vi.setSystemTime((start + 60 + CLOCK_TOLERANCE_SECONDS - 1) * 1000);
    expect(await tokenCodec([SECRET], "clock-test").decode(token)).toMatchObject({ sub: "1" });
    vi.setSystemTime((start + 60 + CLOCK_TOLERANCE_SECONDS) * 1000);
    expect(await tokenCodec([SECRET], "clock-test").decode(token)).toBeNull();
});
