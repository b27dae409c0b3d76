/**
 * Browsers drop cookies above 4096 bytes (name, value and attributes together). A session token that grows
 * past that is split into `name.0`, `name.1`, … and joined again on read; chunks a previous, longer token
 * left behind are expired so that they cannot be glued onto the new one.
 */
import { expireCookie, serializeCookie } from "./serialize.js";
const BROWSER_COOKIE_LIMIT_BYTES = 4096;
const chunkName = (name, index) => `${name}.${index}`;
/** Joins `name` or its chunks `name.0…name.N` (in order, stopping at the first gap). */
export function readChunkedCookie(cookies, name) {
    const whole = cookies.get(name);
    if (whole !== undefined)
        return whole;
    let value = "";
    for (let i = 0;; i++) {
        const chunk = cookies.get(chunkName(name, i));
        if (chunk === undefined)
            return i === 0 ? undefined : value;
        value += chunk;
    }
}
/** Names of every cookie that belongs to `name`: the cookie itself and any chunks. */
function existingParts(cookies, name) {
    const prefix = `${name}.`;
    return [...cookies.keys()].filter((key) => key === name || (key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length))));
}
/**
 * `Set-Cookie` values that store `value` under `name`, split when too large, and expire the parts of the
 * previous value (`current`, the request's cookies) that the new value does not overwrite.
 */
export function writeChunkedCookie(name, value, options, current) {
    // Measure the attributes once with the longest chunk name we could need, so each chunk is exact.
    const overhead = serializeCookie(chunkName(name, 99), "", options).length;
    const chunkSize = BROWSER_COOKIE_LIMIT_BYTES - overhead;
    const written = value.length + serializeCookie(name, "", options).length <= BROWSER_COOKIE_LIMIT_BYTES
        ? [[name, value]]
        : Array.from({ length: Math.ceil(value.length / chunkSize) }, (_, i) => {
            return [chunkName(name, i), value.slice(i * chunkSize, (i + 1) * chunkSize)];
        });
    const keep = new Set(written.map(([n]) => n));
    return [
        ...written.map(([n, v]) => serializeCookie(n, v, options)),
        ...existingParts(current, name)
            .filter((n) => !keep.has(n))
            .map((n) => expireCookie(n, options)),
    ];
}
/** `Set-Cookie` values that delete `name` and all of its chunks present in the request. */
export function clearChunkedCookie(name, options, current) {
    const parts = existingParts(current, name);
    return (parts.length ? parts : [name]).map((n) => expireCookie(n, options));
}
