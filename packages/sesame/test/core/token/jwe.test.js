/** The two `#jwe` implementations write the same format and read each other's tokens. */
import fc from "fast-check";
import { compactDecrypt } from "jose";
import { describe, expect, test } from "vitest";
import { keyRing } from "../../../src/core/keys.js";
import { headerTable } from "../../../src/core/token/jwe.js";
import { cipher as nodeCipher } from "../../../src/core/token/jwe.node.js";
import { cipher as webCipher } from "../../../src/core/token/jwe.web.js";
import { SECRET } from "../../support/helpers.js";
const ciphers = { node: nodeCipher, web: webCipher };
describe.each(Object.entries(ciphers))("%s cipher", (_name, cipher) => {
    test.each(Object.entries(ciphers))("opens what the %s cipher sealed, and jose agrees", async (_other, other) => {
        const table = headerTable(await keyRing([SECRET], "interop", "AES-GCM"));
        const key = table.currentKey;
        const plaintext = JSON.stringify({ sub: "1", name: "Zoë ✓" });
        const token = await other.seal(plaintext, table.current, key);
        expect(await cipher.open(token, key)).toBe(plaintext);
        expect(new TextDecoder().decode((await compactDecrypt(token, key.key)).plaintext)).toBe(plaintext);
    });
    test("refuses a token sealed under another key, and malformed ones", async () => {
        const mine = headerTable(await keyRing([SECRET], "interop", "AES-GCM"));
        const theirs = headerTable(await keyRing(["another-secret-eeeeeeeeeeeeeeeeeeeeeeeeeeee"], "interop", "AES-GCM"));
        const myKey = mine.currentKey;
        const token = await cipher.seal("{}", theirs.current, theirs.currentKey);
        expect(await cipher.open(token, myKey)).toBeNull();
        for (const bad of ["", "a.b.c", `${mine.current.segment}.x.y.z.w`, `${mine.current.segment}....`]) {
            expect(await cipher.open(bad, myKey)).toBeNull();
        }
    });
});
describe("headers", () => {
    test("one secret: no kid; several: new tokens name their key, bare tokens try every key", async () => {
        const single = headerTable(await keyRing([SECRET], "h", "AES-GCM"));
        expect(single.current.params).toEqual({ alg: "dir", enc: "A256GCM" });
        const rotated = headerTable(await keyRing(["new-secret-ffffffffffffffffffffffffffffffff", SECRET], "h", "AES-GCM"));
        expect(rotated.current.params).toEqual({ alg: "dir", enc: "A256GCM", kid: expect.stringMatching(/^[\w-]{4}$/) });
        expect(rotated.candidates.get(single.current.segment)).toHaveLength(2);
        expect(rotated.candidates.get(rotated.current.segment)).toHaveLength(1);
    });
});
describe.each(Object.entries(ciphers))("%s cipher under mutation", (_name, cipher) => {
    test("no single-character change, cut or insertion of a sealed token opens", async () => {
        const table = headerTable(await keyRing([SECRET], "mutation", "AES-GCM"));
        const token = await cipher.seal(JSON.stringify({ sub: "1", exp: 2e9 }), table.current, table.currentKey);
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        const mutation = fc.oneof(fc.tuple(fc.nat(token.length - 1), fc.constantFrom(...alphabet)).map(([i, c]) => token.slice(0, i) + c + token.slice(i + 1)), fc.nat(token.length - 1).map((i) => token.slice(0, i)), fc.tuple(fc.nat(token.length), fc.constantFrom(...alphabet)).map(([i, c]) => token.slice(0, i) + c + token.slice(i)));
        await fc.assert(fc.asyncProperty(mutation, async (mutated) => {
            fc.pre(mutated !== token);
            expect(await cipher.open(mutated, table.currentKey)).toBeNull();
        }), { numRuns: 2000 });
    });
});
