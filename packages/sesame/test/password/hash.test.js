/** `sesame-auth/password`: scrypt hashes that record their parameters, verify in constant time and fail closed. */
import { describe, expect, test } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "../../src/password.node.js";
// The defaults take a third of a second or more per hash; everything but the defaults test uses a cheap cost.
const FAST = { cost: 10 };
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;
describe("hashPassword / verifyPassword", () => {
    test("a hash verifies its own password and no other", async () => {
        const hash = await hashPassword("correct horse battery staple", FAST);
        expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
        expect(await verifyPassword("correct horse battery stapl", hash)).toBe(false);
        expect(await verifyPassword("Correct horse battery staple", hash)).toBe(false);
    });
    test("the same password hashes differently each time (random salt), and both verify", async () => {
        const [a, b] = await Promise.all([hashPassword("hunter22", FAST), hashPassword("hunter22", FAST)]);
        expect(a).not.toBe(b);
        expect(a.split("$")[3]).not.toBe(b.split("$")[3]);
        expect(await verifyPassword("hunter22", a)).toBe(true);
        expect(await verifyPassword("hunter22", b)).toBe(true);
    });
    test("the hash is PHC-style and records its parameters, a 16-byte salt and a 32-byte digest", async () => {
        const hash = await hashPassword("hunter22", { cost: 11, blockSize: 4, parallelization: 2 });
        const match = FORMAT.exec(hash);
        expect(match).not.toBeNull();
        const [, ln, r, p, salt, digest] = match;
        expect([ln, r, p]).toEqual(["11", "4", "2"]);
        expect(Buffer.from(salt, "base64")).toHaveLength(16);
        expect(Buffer.from(digest, "base64")).toHaveLength(32);
        expect(`${salt}${digest}`).not.toContain("="); // no padding
        expect(await verifyPassword("hunter22", hash)).toBe(true);
    });
    test("the defaults are ln=17, r=8, p=1, and such a hash needs no rehash", async () => {
        const hash = await hashPassword("correct horse battery staple");
        expect(hash).toMatch(FORMAT);
        expect(hash.startsWith("$scrypt$ln=17,r=8,p=1$")).toBe(true);
        expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
        expect(needsRehash(hash)).toBe(false);
    });
    test("visually identical Unicode passwords match after NFKC normalization", async () => {
        const composed = "caf\u00e9 \u00c5ngstr\u00f6m";
        const decomposed = "cafe\u0301 A\u030angstro\u0308m";
        expect(composed).not.toBe(decomposed);
        const hash = await hashPassword(composed, FAST);
        expect(await verifyPassword(decomposed, hash)).toBe(true);
        const fromDecomposed = await hashPassword(decomposed, FAST);
        expect(await verifyPassword(composed, fromDecomposed)).toBe(true);
        // Compatibility forms too: full-width letters and the "ﬁ" ligature.
        expect(await verifyPassword("ｐａｓｓ\ufb01x", await hashPassword("passfix", FAST))).toBe(true);
        expect(await verifyPassword("cafe", hash)).toBe(false);
    });
    test("a password of emoji (surrogate pairs) round-trips", async () => {
        const password = "🔑🦄✨ naïve";
        expect(await verifyPassword(password, await hashPassword(password, FAST))).toBe(true);
    });
});
describe("needsRehash", () => {
    test("a hash made with a lower cost still verifies, and needs a rehash", async () => {
        const hash = await hashPassword("hunter22", FAST);
        expect(await verifyPassword("hunter22", hash)).toBe(true);
        expect(needsRehash(hash)).toBe(true);
        expect(needsRehash(hash, FAST)).toBe(false);
        expect(needsRehash(hash, { cost: 9 })).toBe(false);
        expect(needsRehash(hash, { cost: 11 })).toBe(true);
    });
    test("a smaller block size or parallelization than asked for needs a rehash", async () => {
        const hash = await hashPassword("hunter22", { cost: 10, blockSize: 4, parallelization: 1 });
        expect(needsRehash(hash, { cost: 10, blockSize: 4 })).toBe(false);
        expect(needsRehash(hash, { cost: 10, blockSize: 8 })).toBe(true);
        expect(needsRehash(hash, { cost: 10, blockSize: 4, parallelization: 2 })).toBe(true);
    });
    test("an unreadable hash needs a rehash", () => {
        expect(needsRehash("")).toBe(true);
        expect(needsRehash("$2b$10$abcdefghijklmnopqrstuu")).toBe(true);
    });
});
describe("malformed and tampered hashes", () => {
    test("verifyPassword resolves false, never rejects, for malformed hashes", async () => {
        const good = await hashPassword("hunter22", FAST);
        const [, , params, salt, digest] = good.split("$");
        const malformed = [
            "",
            "hunter22",
            "$scrypt$",
            `$argon2id$${params}$${salt}$${digest}`, // wrong algorithm
            `scrypt$${params}$${salt}$${digest}`, // no leading "$"
            `$scrypt$${params}$${salt}`, // no digest
            `$scrypt$${params}$${salt}$`, // empty digest
            `$scrypt$${params}$$${digest}`, // empty salt
            `$scrypt$${params}$${salt}$${digest}$extra`, // a part too many
            `$scrypt$${salt}$${digest}`, // no parameters
            `$scrypt$ln=25,r=8,p=1$${salt}$${digest}`, // absurd cost
            `$scrypt$ln=99,r=8,p=1$${salt}$${digest}`,
            `$scrypt$ln=0,r=8,p=1$${salt}$${digest}`,
            `$scrypt$ln=10,r=999,p=1$${salt}$${digest}`, // absurd block size
            `$scrypt$ln=10,r=16,p=16$${salt}$${digest}`, // r * p too large
            `$scrypt$ln=10,r=8,p=0$${salt}$${digest}`,
            `$scrypt$ln=010,r=8,p=1$${salt}$${digest}`, // not canonical
            `$scrypt$r=8,ln=10,p=1$${salt}$${digest}`, // wrong order
            `$scrypt$ln=10,r=8$${salt}$${digest}`, // missing p
            `$scrypt$ln=1e1,r=8,p=1$${salt}$${digest}`,
            `$scrypt$ln=10,r=8,p=1$${salt}$${digest}==`, // padded
            `$scrypt$ln=10,r=8,p=1$${salt}$${digest.slice(0, 10)}!${digest.slice(11)}`, // not base64
            `$scrypt$ln=10,r=8,p=1$${salt}$${digest.replaceAll("/", "_").replaceAll("+", "-")}x`, // base64url
            `$scrypt$ln=10,r=8,p=1$${salt}$${digest.slice(0, 8)}`, // digest too short to mean anything
            `$scrypt$ln=10,r=8,p=1$AAAA$${digest}`, // salt too short
            ` ${good}`,
            `${good}\n`,
        ];
        for (const hash of malformed) {
            await expect(verifyPassword("hunter22", hash), hash).resolves.toBe(false);
            expect(needsRehash(hash), hash).toBe(true);
        }
        // Called from JavaScript with whatever a database driver returned.
        for (const hash of [null, undefined, 42, {}, Buffer.from(good)]) {
            await expect(verifyPassword("hunter22", hash)).resolves.toBe(false);
        }
        expect(await verifyPassword("hunter22", good)).toBe(true);
    });
    test("a hash with one character of the digest or salt changed does not verify", async () => {
        const good = await hashPassword("hunter22", FAST);
        const parts = good.split("$");
        const flip = (text) => (text[0] === "A" ? "B" : "A") + text.slice(1);
        const tamperedDigest = [...parts.slice(0, 4), flip(parts[4])].join("$");
        const tamperedSalt = [...parts.slice(0, 3), flip(parts[3]), parts[4]].join("$");
        const tamperedCost = good.replace("ln=10", "ln=11");
        for (const hash of [tamperedDigest, tamperedSalt, tamperedCost]) {
            expect(hash).not.toBe(good);
            expect(hash).toMatch(FORMAT);
            expect(await verifyPassword("hunter22", hash)).toBe(false);
        }
    });
});
describe("password limits", () => {
    test("an empty password is a TypeError", async () => {
        await expect(hashPassword("", FAST)).rejects.toThrow(TypeError);
        await expect(hashPassword("", FAST)).rejects.toThrow(/empty/);
        expect(await verifyPassword("", await hashPassword("x", FAST))).toBe(false);
    });
    test("a password longer than 1024 characters is a TypeError; 1024 is fine", async () => {
        await expect(hashPassword("a".repeat(1025), FAST)).rejects.toThrow(TypeError);
        await expect(hashPassword("a".repeat(1025), FAST)).rejects.toThrow(/at most 1024 characters/);
        await expect(hashPassword("a".repeat(10_000_000), FAST)).rejects.toThrow(TypeError);
        const longest = "a".repeat(1024);
        const hash = await hashPassword(longest, FAST);
        expect(await verifyPassword(longest, hash)).toBe(true);
        // Characters are code points: 1024 emoji are 2048 UTF-16 units and still allowed.
        await expect(hashPassword("🔑".repeat(1024), FAST)).resolves.toMatch(FORMAT);
        await expect(hashPassword("🔑".repeat(1025), FAST)).rejects.toThrow(TypeError);
        // Verifying never throws, and never spends scrypt on an over-long password.
        expect(await verifyPassword(`${longest}a`, hash)).toBe(false);
    });
    test("a password with a lone surrogate is a TypeError (UTF-8 would make it collide with others)", async () => {
        await expect(hashPassword("abc\ud800", FAST)).rejects.toThrow(TypeError);
        expect(await verifyPassword("abc\udfff", await hashPassword("abc\ufffd", FAST))).toBe(false);
    });
    test("a non-string password is a TypeError for hashPassword and false for verifyPassword", async () => {
        await expect(hashPassword(undefined, FAST)).rejects.toThrow(TypeError);
        expect(await verifyPassword(undefined, await hashPassword("x", FAST))).toBe(false);
    });
    test("options outside what verifyPassword accepts are a RangeError", async () => {
        for (const options of [{ cost: 0 }, { cost: 25 }, { cost: 10.5 }, { blockSize: 0 }, { parallelization: 17 }, { blockSize: 32, parallelization: 4 }]) {
            await expect(hashPassword("hunter22", options), JSON.stringify(options)).rejects.toThrow(RangeError);
            expect(() => needsRehash("", options), JSON.stringify(options)).toThrow(RangeError);
        }
    });
});
