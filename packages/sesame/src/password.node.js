/**
 * `sesame-auth/password`: hashing and checking the passwords a Credentials provider's `authorize` compares against.
 *
 * scrypt because it is memory-hard, so guessing on GPUs and ASICs costs memory as well as time, and because
 * `node:crypto` ships it: no native addon to compile, nothing to install. It runs on libuv's thread pool, so a
 * hash never blocks the event loop. This entry point is Node-only for that reason.
 *
 * Hashes are stored PHC-style, `$scrypt$ln=17,r=8,p=1$<salt>$<digest>` (base64, no padding), so each one
 * carries the parameters it was made with: verification keeps working after the defaults are raised, and
 * `needsRehash` tells when to replace a stored hash at the next successful sign-in.
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
// ln = 17, r = 8 is the OWASP recommendation for scrypt; about a third of a second on a server core.
const DEFAULTS = { ln: 17, r: 8, p: 1 };
// Bounds on the parameters we hash with or accept from a stored hash. A tampered or corrupted row must not be
// able to make one verification allocate gigabytes or spin for minutes: ln = 24 with r = 8 is already 16 GiB.
const MAX_LN = 24;
const MAX_R = 32;
const MAX_P = 16;
const MAX_RP = 64;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Other lengths are accepted on verify so hashes made by another PHC-scrypt implementation (often 64 bytes) still
// work, but nothing shorter than 128 bits, which would make the comparison meaningless.
const MIN_KEY_BYTES = 16;
const MAX_KEY_BYTES = 64;
const MIN_SALT_BYTES = 8;
const MAX_SALT_BYTES = 64;
// scrypt's first step runs PBKDF2 over the whole password; capping the length keeps a megabyte-long "password"
// from being a cheap way to burn server CPU, and 1024 is far beyond any passphrase a person types.
const MAX_PASSWORD_LENGTH = 1024;
// What `verifyPassword` checks against when there is no hash: fixed, since nothing can ever match it anyway.
const DUMMY_SALT = Buffer.alloc(SALT_BYTES, 0x5a);
const DUMMY_DIGEST = Buffer.alloc(KEY_BYTES);
const PREFIX = "$scrypt$";
const PARAMS_PATTERN = /^ln=([1-9][0-9]?),r=([1-9][0-9]{0,2}),p=([1-9][0-9]{0,2})$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+$/;
// With the `u` flag, a surrogate pair is one code point, so this matches only unpaired surrogates.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/**
 * Hashes a password for storage, with a fresh random salt.
 *
 * @throws {TypeError} when the password is empty, longer than 1024 characters or not well-formed Unicode.
 * @throws {RangeError} when an option is outside what `verifyPassword` accepts.
 *
 * @example
 * ```ts
 * import { hashPassword } from "sesame-auth/password";
 *
 * const hash = await hashPassword("correct horse battery staple");
 * // "$scrypt$ln=17,r=8,p=1$…$…": store it as is, e.g. in users.password_hash
 * ```
 */
export async function hashPassword(password, options) {
    const problem = passwordProblem(password);
    if (problem)
        throw new TypeError(`hashPassword: ${problem}`);
    const params = resolveParams(options);
    const salt = randomBytes(SALT_BYTES);
    const digest = await derive(password, salt, KEY_BYTES, params);
    return `${PREFIX}${formatParams(params)}$${toBase64(salt)}$${toBase64(digest)}`;
}
/**
 * Checks a password against a hash from `hashPassword`, using the parameters recorded in the hash.
 * Resolves to `false`, never rejects, for a wrong password and for a hash it cannot read, so a corrupted row
 * looks like a failed sign-in rather than a server error.
 *
 * Without a hash (`null`, `undefined` or `""`: no such user, or a user without a password) it still runs
 * scrypt, against a fixed dummy, and resolves to `false`: an unknown user then takes as long to refuse as a
 * wrong password, so response timing does not tell which accounts exist. Pass the `options` you hash with
 * (none for the defaults) so the dummy costs the same as a real check.
 *
 * @throws {RangeError} when an option is outside what `verifyPassword` accepts.
 *
 * @example
 * ```ts
 * import { hashPassword, verifyPassword } from "sesame-auth/password";
 *
 * const hash = await hashPassword("correct horse battery staple");
 * await verifyPassword("correct horse battery staple", hash); // true
 * await verifyPassword("Tr0ub4dor&3", hash); // false
 *
 * // In `authorize`: always verify, even when there is no user.
 * const user = await db.findUserByEmail(email);
 * return (await verifyPassword(password, user?.passwordHash)) ? user : null;
 * ```
 */
export async function verifyPassword(password, hash, options) {
    const dummy = hash === null || hash === undefined || hash === "" ? resolveParams(options) : undefined;
    try {
        if (passwordProblem(password))
            return false;
        if (dummy) {
            // The same work as a real check; the comparison's result does not matter, nothing matches a missing hash.
            timingSafeEqual(await derive(password, DUMMY_SALT, KEY_BYTES, dummy), DUMMY_DIGEST);
            return false;
        }
        const parsed = parseHash(hash);
        if (!parsed)
            return false;
        const actual = await derive(password, parsed.salt, parsed.digest.length, parsed.params);
        return timingSafeEqual(actual, parsed.digest);
    }
    catch {
        return false;
    }
}
/**
 * Whether a stored hash was made with weaker parameters than `options` (by default, the current defaults) or
 * cannot be read at all. Call it after a successful `verifyPassword`, while the plain password is at hand.
 *
 * @throws {RangeError} when an option is outside what `verifyPassword` accepts.
 *
 * @example
 * ```ts
 * import { hashPassword, needsRehash, verifyPassword } from "sesame-auth/password";
 *
 * let stored = await hashPassword("correct horse battery staple", { cost: 14 }); // from before a raise
 * if (await verifyPassword("correct horse battery staple", stored) && needsRehash(stored)) {
 *   stored = await hashPassword("correct horse battery staple"); // save it in place of the old one
 * }
 * needsRehash(stored); // false
 * ```
 */
export function needsRehash(hash, options) {
    const wanted = resolveParams(options);
    const parsed = parseHash(hash);
    if (!parsed)
        return true;
    const { params, salt, digest } = parsed;
    return (params.ln < wanted.ln ||
        params.r < wanted.r ||
        params.p < wanted.p ||
        salt.length < SALT_BYTES ||
        digest.length < KEY_BYTES);
}
/** Why a password cannot be hashed, or `undefined` when it can. */
function passwordProblem(password) {
    if (typeof password !== "string")
        return "the password must be a string";
    if (password.length === 0)
        return "the password must not be empty";
    // A string longer than twice the limit in UTF-16 units has more code points than the limit, so stop before
    // walking (or normalizing) an enormous one.
    if (password.length > 2 * MAX_PASSWORD_LENGTH || countCodePoints(password) > MAX_PASSWORD_LENGTH) {
        return `the password must be at most ${MAX_PASSWORD_LENGTH} characters`;
    }
    // UTF-8 encoding turns every lone surrogate into U+FFFD, so different passwords would hash the same.
    if (LONE_SURROGATE.test(password))
        return "the password must be well-formed Unicode (it has a lone surrogate)";
    return undefined;
}
function countCodePoints(text) {
    let count = 0;
    for (const _ of text)
        count++;
    return count;
}
function resolveParams(options = {}) {
    const params = {
        ln: options.cost ?? DEFAULTS.ln,
        r: options.blockSize ?? DEFAULTS.r,
        p: options.parallelization ?? DEFAULTS.p,
    };
    if (!paramsInRange(params)) {
        throw new RangeError(`sesame-auth/password: expected 1 <= cost <= ${MAX_LN}, 1 <= blockSize <= ${MAX_R}, 1 <= parallelization <= ${MAX_P} ` +
            `and blockSize * parallelization <= ${MAX_RP}, got ${formatParams(params)}`);
    }
    return params;
}
function paramsInRange({ ln, r, p }) {
    return (Number.isInteger(ln) && Number.isInteger(r) && Number.isInteger(p) &&
        ln >= 1 && ln <= MAX_LN && r >= 1 && r <= MAX_R && p >= 1 && p <= MAX_P && r * p <= MAX_RP);
}
function formatParams({ ln, r, p }) {
    return `ln=${ln},r=${r},p=${p}`;
}
function parseHash(hash) {
    if (typeof hash !== "string" || !hash.startsWith(PREFIX))
        return null;
    const parts = hash.slice(PREFIX.length).split("$");
    if (parts.length !== 3)
        return null;
    const [paramsPart = "", saltPart = "", digestPart = ""] = parts;
    const match = PARAMS_PATTERN.exec(paramsPart);
    if (!match)
        return null;
    const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
    if (!paramsInRange(params))
        return null;
    const salt = fromBase64(saltPart);
    const digest = fromBase64(digestPart);
    if (!salt || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES)
        return null;
    if (!digest || digest.length < MIN_KEY_BYTES || digest.length > MAX_KEY_BYTES)
        return null;
    return { params, salt, digest };
}
function toBase64(bytes) {
    return bytes.toString("base64").replace(/=+$/, "");
}
/** Decodes unpadded base64, refusing every spelling but the canonical one (Buffer skips stray characters). */
function fromBase64(text) {
    if (!BASE64_PATTERN.test(text))
        return null;
    const bytes = Buffer.from(text, "base64");
    return toBase64(bytes) === text ? bytes : null;
}
function derive(password, salt, keyLength, { ln, r, p }) {
    const N = 2 ** ln;
    const options = {
        N,
        r,
        p,
        // Node's default cap is 32 MiB, below what the defaults need. OpenSSL asks for 128·r·(N + p + 2) bytes;
        // doubling it leaves headroom for its bookkeeping. The bounds above keep this finite.
        maxmem: 2 * 128 * r * (N + p + 2),
    };
    // NFKC, so the same password typed on another keyboard or OS (composed "é" or "e" + combining accent,
    // full-width letters) hashes the same.
    const secret = Buffer.from(password.normalize("NFKC"), "utf8");
    return new Promise((resolve, reject) => {
        scrypt(secret, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
    });
}
