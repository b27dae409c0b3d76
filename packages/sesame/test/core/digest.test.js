/** The two `#digest` implementations: the same SHA-256, as base64url without padding. */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { sha256 as nodeSha256 } from "../../src/core/digest.node.js";
import { sha256 as webSha256 } from "../../src/core/digest.web.js";
describe("sha256", () => {
    test("the known digest of a known value (RFC 6234's \"abc\")", async () => {
        // ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
        const expected = "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0";
        expect(await nodeSha256("abc")).toBe(expected);
        expect(await webSha256("abc")).toBe(expected);
    });
    test("both variants agree on any string, including non-ASCII and lone surrogates", async () => {
        await fc.assert(fc.asyncProperty(fc.string({ unit: "binary" }), async (value) => {
            const [node, web] = await Promise.all([nodeSha256(value), webSha256(value)]);
            expect(node).toBe(web);
            expect(node).toMatch(/^[\w-]{43}$/);
        }));
    });
    test("equals node:crypto's hex digest, re-encoded", async () => {
        const value = "id.secret-0123456789";
        expect(Buffer.from(await webSha256(value), "base64url").toString("hex")).toBe(createHash("sha256").update(value).digest("hex"));
    });
});
