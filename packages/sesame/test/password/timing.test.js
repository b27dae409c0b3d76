/**
 * User enumeration by timing (ASVS V7.4.1 / V2.2): a Credentials `authorize` that looks the user up and
 * verifies the scrypt hash answers an unknown user much faster than a wrong password — unless it verifies
 * anyway. `verifyPassword(password, undefined, options)` runs scrypt against a dummy for that. Here the
 * dummy's unit tests, then the whole sign-in through `Auth()`: same response, similar timing.
 */
import { describe, expect, test } from "vitest";
import { hashPassword, verifyPassword } from "../../src/password.node.js";
import Credentials from "../../src/providers/credentials.js";
import { Browser, SECRET } from "../support/helpers.js";
import { median, timed } from "../support/harness.js";
// Cheaper than the defaults (ln=17) to keep the test quick, but a real cost: 16 MiB and tens of ms per check.
const COST = { cost: 14 };
async function medianMs(runs, work) {
    const times = [];
    for (let i = 0; i < runs; i++)
        times.push((await timed(work)).ms);
    return median(times);
}
// Regression: verifyPassword without a hash returned at once, so unknown users answered far faster than wrong passwords (timing enumeration).
describe("verifyPassword without a hash (no such user)", () => {
    test("null, undefined and an empty hash resolve to false, for any password", async () => {
        for (const hash of [null, undefined, ""]) {
            expect(await verifyPassword("hunter22", hash, COST)).toBe(false);
            expect(await verifyPassword("", hash, COST)).toBe(false);
            expect(await verifyPassword("a".repeat(2000), hash, COST)).toBe(false);
        }
    });
    test("it costs what checking a real hash with the same options costs", async () => {
        const hash = await hashPassword("hunter22", COST);
        await verifyPassword("warm-up", hash);
        const times = { real: [], dummy: [] };
        for (let i = 0; i < 8; i++) {
            times.real.push((await timed(() => verifyPassword("wrong password", hash))).ms);
            times.dummy.push((await timed(() => verifyPassword("wrong password", undefined, COST))).ms);
        }
        const ratio = median(times.dummy) / median(times.real);
        expect(ratio).toBeGreaterThan(0.7);
        expect(ratio).toBeLessThan(1.4);
    });
    test("without options the dummy uses the defaults (ln=17), as hashPassword does", async () => {
        const cheap = await medianMs(3, () => verifyPassword("hunter22", null, { cost: 12 }));
        const { ms: defaults } = await timed(() => verifyPassword("hunter22", null));
        // ln=17 is 32 times the work of ln=12; allow for a noisy machine.
        expect(defaults).toBeGreaterThan(cheap * 4);
    });
    test("options outside what verifyPassword accepts reject with a RangeError", async () => {
        await expect(verifyPassword("hunter22", null, { cost: 25 })).rejects.toThrow(RangeError);
        await expect(verifyPassword("hunter22", undefined, { blockSize: 0 })).rejects.toThrow(RangeError);
    });
});
describe("[V7.4.1] sign-in timing does not reveal whether the user exists", () => {
    const alice = { id: "1", name: "Alice", email: "alice@example.com" };
    async function appWith(authorizeStyle) {
        const users = new Map([["alice@example.com", { ...alice, passwordHash: await hashPassword("wonderland", COST) }]]);
        return {
            secret: SECRET,
            trustHost: true,
            rateLimit: false,
            logger: { warn: () => { } },
            providers: [
                Credentials({
                    credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
                    async authorize({ email, password }) {
                        const user = users.get(email ?? "");
                        if (authorizeStyle === "short-circuit") {
                            // The usual pattern: no user, no scrypt — a timing oracle.
                            return user && (await verifyPassword(password ?? "", user.passwordHash)) ? alice : null;
                        }
                        return (await verifyPassword(password ?? "", user?.passwordHash, COST)) ? alice : null;
                    },
                }),
            ],
        };
    }
    /** Interleaved sign-ins (unknown, wrong, wrong, unknown, …) so that drift in machine load hits both alike. */
    async function measure(config, pairs) {
        const browser = new Browser(config);
        const csrfToken = await browser.csrf();
        const attempt = async (email) => {
            const { value: response, ms } = await timed(() => browser.postForm("/api/auth/callback/credentials", { csrfToken, email, password: "not-the-password", callbackUrl: "/" }));
            return { ms, status: response.status, location: response.headers.get("location"), cookies: response.headers.getSetCookie(), body: await response.text() };
        };
        const unknown = () => attempt(`nobody-${crypto.randomUUID()}@example.com`);
        const wrong = () => attempt("alice@example.com");
        for (let i = 0; i < 3; i++)
            await Promise.all([unknown(), wrong()]); // warm-up
        const samples = { unknown: [], wrong: [] };
        for (let i = 0; i < pairs; i++) {
            if (i % 2) {
                samples.wrong.push(await wrong());
                samples.unknown.push(await unknown());
            }
            else {
                samples.unknown.push(await unknown());
                samples.wrong.push(await wrong());
            }
        }
        return samples;
    }
    test("[V7.4.1] unknown user vs wrong password: identical responses, similar timing over 30 interleaved pairs", async () => {
        const { unknown, wrong } = await measure(await appWith("verify-always"), 30);
        const shape = ({ status, location, cookies, body }) => ({ status, location, cookies, body });
        expect(shape(unknown[0])).toEqual({ status: 302, location: "http://localhost:3000/api/auth/signin?error=CredentialsSignin&code=credentials&callbackUrl=http%3A%2F%2Flocalhost%3A3000%2F", cookies: [], body: "" });
        for (const sample of [...unknown, ...wrong])
            expect(shape(sample)).toEqual(shape(unknown[0]));
        const [u, w] = [median(unknown.map((s) => s.ms)), median(wrong.map((s) => s.ms))];
        expect(w).toBeGreaterThan(5); // scrypt really ran
        // Each unknown-user attempt against the wrong-password attempt next to it: load changes between pairs
        // cancel out. The median of those ratios stays within 25% of 1; the plain medians within 35% (they move
        // more when the machine is busy, as it is when the whole suite runs on two cores).
        const paired = median(unknown.map((s, i) => s.ms / wrong[i].ms));
        expect(paired).toBeGreaterThan(0.8);
        expect(paired).toBeLessThan(1.25);
        expect(Math.abs(u - w) / w).toBeLessThan(0.35);
    });
    test("control: the short-circuit pattern is caught by the same measurement (unknown users answer far faster)", async () => {
        const { unknown, wrong } = await measure(await appWith("short-circuit"), 10);
        expect(median(unknown.map((s) => s.ms))).toBeLessThan(median(wrong.map((s) => s.ms)) * 0.5);
    });
});
