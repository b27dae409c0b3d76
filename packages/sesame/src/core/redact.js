/**
 * Keeping credentials out of logs. Errors from upstream carry what the provider answered (oauth4webapi's
 * errors hold the whole token response, access, refresh and ID tokens included, as their `cause`), apps
 * ship their logs to third parties, and whoever reads a log must not be able to sign in with it. So
 * everything Sesame logs, through the default logger or the app's own, first goes through `redact`:
 * values under credential-bearing keys are replaced, and so is anything in free text that looks like a
 * JWT / JWE, a bearer token or a `key=value` credential. The shape survives, so a log still says what was
 * wrong (`scope` was an array), only not with what.
 */
export const REDACTED = "[redacted]";
/** Keys whose values are credentials, compared lower-case with `-` and `_` removed. */
const SECRET_KEYS = new Set([
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "token",
    "sessiontoken",
    "csrftoken",
    "code",
    "codeverifier",
    "state",
    "nonce",
    "clientsecret",
    "clientassertion",
    "assertion",
    "devicecode",
    "secret",
    "password",
    "cookie",
    "setcookie",
    "authorization",
    "upstream",
]);
const isSecretKey = (key) => SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ""));
// Compact JWS (three segments) and JWE (five, the second often empty); their header always starts `eyJ`.
const JWT_LIKE = /eyJ[\w-]{2,}(?:\.[\w-]*){1,4}/g;
const BEARER = /\b(Bearer|Basic|DPoP)\s+[\w.~+/=-]+/gi;
// `access_token=…` in a query string or form body, `"access_token": "…"` in JSON text.
const PAIR_NAMES = "access_token|refresh_token|id_token|code|code_verifier|client_secret|client_assertion|password|state|nonce";
const FORM_PAIR = new RegExp(`\\b(${PAIR_NAMES})=[^&\\s;,"']+`, "gi");
const JSON_PAIR = new RegExp(`"(${PAIR_NAMES}|accessToken|refreshToken|idToken)"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"`, "gi");
/** `text` with anything credential-shaped replaced. */
export function redactText(text) {
    if (text.length > 64 * 1024)
        text = `${text.slice(0, 64 * 1024)}…`;
    return text
        .replace(JWT_LIKE, REDACTED)
        .replace(BEARER, `$1 ${REDACTED}`)
        .replace(FORM_PAIR, `$1=${REDACTED}`)
        .replace(JSON_PAIR, `"$1":"${REDACTED}"`);
}
const MAX_DEPTH = 6;
const MAX_ENTRIES = 100;
/** A copy of `value` safe to log: see the module comment. Never throws. */
export function redact(value) {
    return redactValue(value, 0, new WeakSet());
}
/**
 * A copy of `error` safe to log: the same class (so `instanceof` and `type` still work), message and stack
 * redacted, its own fields and its `cause` chain redacted.
 */
export function redactError(error) {
    return redactErrorValue(error, 0, new WeakSet());
}
function redactValue(value, depth, seen) {
    if (typeof value === "string")
        return redactText(value);
    if (typeof value !== "object" || value === null)
        return typeof value === "function" ? "[function]" : value;
    if (seen.has(value))
        return "[circular]";
    if (depth >= MAX_DEPTH)
        return "[…]";
    seen.add(value);
    if (value instanceof Error)
        return redactErrorValue(value, depth, seen);
    if (typeof Response !== "undefined" && value instanceof Response)
        return `[Response ${value.status} ${redactText(value.url)}]`;
    if (typeof Request !== "undefined" && value instanceof Request)
        return `[Request ${value.method} ${redactText(value.url)}]`;
    if (value instanceof URLSearchParams || (typeof Headers !== "undefined" && value instanceof Headers)) {
        return redactEntries([...value.entries()], depth, seen);
    }
    if (value instanceof URL)
        return redactText(value.href);
    if (value instanceof Date)
        return value;
    if (value instanceof Map)
        return redactEntries([...value.entries()].map(([k, v]) => [String(k), v]), depth, seen);
    if (Array.isArray(value))
        return value.slice(0, MAX_ENTRIES).map((item) => redactValue(item, depth + 1, seen));
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
        return `[${value.byteLength} bytes]`;
    try {
        return redactEntries(Object.entries(value), depth, seen);
    }
    catch {
        return "[unreadable]";
    }
}
function redactEntries(entries, depth, seen) {
    const copy = {};
    for (const [key, item] of entries.slice(0, MAX_ENTRIES)) {
        copy[key] = isSecretKey(key) && item !== undefined && item !== null && item !== "" ? REDACTED : redactValue(item, depth + 1, seen);
    }
    return copy;
}
function redactErrorValue(error, depth, seen) {
    seen.add(error);
    let message = "";
    let stack;
    let name = "Error";
    let fields = [];
    let cause;
    let hasCause = false;
    try {
        message = redactText(String(error.message));
        stack = typeof error.stack === "string" ? redactText(error.stack) : undefined;
        name = String(error.name);
        fields = Object.entries(error).filter(([key]) => key !== "cause" && key !== "message" && key !== "stack" && key !== "name");
        hasCause = "cause" in error && error.cause !== undefined;
        cause = error.cause;
    }
    catch {
        // A getter that throws: log what could be read.
    }
    const copy = new Error(message, hasCause ? { cause: redactValue(cause, depth + 1, seen) } : undefined);
    Object.setPrototypeOf(copy, Object.getPrototypeOf(error));
    Object.defineProperty(copy, "name", { value: name, configurable: true, writable: true, enumerable: false });
    Object.defineProperty(copy, "stack", { value: stack, configurable: true, writable: true, enumerable: false });
    for (const [key, item] of fields) {
        // On an error, `code` is the error's code (`OAUTH_INVALID_RESPONSE`, a CredentialsSignin reason), not an authorization code.
        const secret = key !== "code" && isSecretKey(key) && item !== undefined && item !== null;
        Object.defineProperty(copy, key, {
            value: secret ? REDACTED : redactValue(item, depth + 1, seen),
            configurable: true,
            writable: true,
            enumerable: true,
        });
    }
    return copy;
}
