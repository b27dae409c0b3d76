/** The session token codec's remembered tokens: the synchronous path a session read takes on nearly every request. */
import { afterEach, describe, expect, test, vi } from "vitest";
import { stampClaims, tokenCodec } from "../../../src/core/token/codec.js";
import { SECRET } from "../../support/helpers.js";
afterEach(() => vi.useRealTimers());
describe("decodeRemembered", () => {
    test("answers for a token this codec sealed, and only for that exact string", async () => {
        const codec = tokenCodec([SECRET], "remembered-test");
        const token = await codec.encode(stampClaims({ sub: "1", name: "Ada" }, 60));
        expect(codec.decodeRemembered(token)).toMatchObject({ sub: "1", name: "Ada" });
        expect(codec.decodeRemembered(`${token}x`)).toBeUndefined();
        expect(codec.decodeRemembered("never-seen")).toBeUndefined();
    });
    test("returns a fresh copy each time: a caller mutating the claims does not change the next read", async () => {
        const codec = tokenCodec([SECRET], "remembered-test");
        const token = await codec.encode(stampClaims({ sub: "1" }, 60));
        const first = codec.decodeRemembered(token);
        first.sub = "mutated";
        expect(codec.decodeRemembered(token)).toMatchObject({ sub: "1" });
    });
    test("says null once the token has expired (past the clock tolerance), and forgets it; decode agrees", async () => {
        const codec = tokenCodec([SECRET], "remembered-test");
        const token = await codec.encode(stampClaims({ sub: "1" }, 60));
        vi.useFakeTimers({ now: Date.now() + 60_000 + 16_000 });
        expect(codec.decodeRemembered(token)).toBeNull();
        expect(codec.decodeRemembered(token)).toBeUndefined();
        expect(await codec.decode(token)).toBeNull();
    });
    test("a token decoded once (not sealed here) is remembered too", async () => {
        const token = await tokenCodec([SECRET], "remembered-test").encode(stampClaims({ sub: "2" }, 60));
        const other = tokenCodec([SECRET, "a-second-secret-for-a-different-codec-0123"], "remembered-test");
        expect(other.decodeRemembered(token)).toBeUndefined();
        expect(await other.decode(token)).toMatchObject({ sub: "2" });
        expect(other.decodeRemembered(token)).toMatchObject({ sub: "2" });
    });
});
