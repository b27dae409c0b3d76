/** Longest textual IPv6 address (with an embedded IPv4 part) is 45 characters; the database column takes 64. */
export const MAX_IP_LENGTH = 64;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[\da-f]{1,4}$/;
const IPV4_WITH_PORT = /^([\d.]+):\d{1,5}$/;
const BRACKETED_IPV6 = /^\[([\da-f:.]+)\](?::\d{1,5})?$/;
const IPV4_MAPPED = /^(?:::|(?:0{1,4}:){5})ffff:(\d+\.\d+\.\d+\.\d+)$/;
function isIpv6(text) {
    let groups = text;
    let embeddedIpv4 = 0;
    const lastColon = text.lastIndexOf(":");
    if (text.includes(".", lastColon)) {
        // `::ffff:192.0.2.1`: the last 32 bits written as IPv4.
        if (!IPV4.test(text.slice(lastColon + 1)))
            return false;
        groups = text.slice(0, lastColon + 1) + "0";
        embeddedIpv4 = 1;
    }
    const halves = groups.split("::");
    if (halves.length > 2)
        return false;
    const counted = halves.map((half) => (half === "" ? [] : half.split(":")));
    if (!counted.every((parts) => parts.every((part) => HEX_GROUP.test(part))))
        return false;
    const total = counted.reduce((sum, parts) => sum + parts.length, 0) + embeddedIpv4;
    return halves.length === 2 ? total <= 8 : total === 8;
}
/**
 * `text` as an IP address (IPv4, or IPv6 in lower case; IPv4-mapped IPv6 as plain IPv4; a port or IPv6
 * brackets, which some proxies add, dropped), or `undefined` when it is anything else.
 */
export function parseIp(text) {
    if (text.length > MAX_IP_LENGTH)
        return undefined;
    const written = text.trim().toLowerCase();
    const candidate = BRACKETED_IPV6.exec(written)?.[1] ?? IPV4_WITH_PORT.exec(written)?.[1] ?? written;
    if (IPV4.test(candidate))
        return candidate;
    if (!candidate.includes(":") || !isIpv6(candidate))
        return undefined;
    // One client, one address: the same IPv4 client reached over a dual-stack socket counts as itself.
    return IPV4_MAPPED.exec(candidate)?.[1] ?? candidate;
}
/**
 * The client's address in an `X-Forwarded-For` value, given the number of proxies in front of the app that
 * append to it: each appends the address it received the request from, so the entry `trustedProxies` from
 * the right was written by the outermost trusted proxy, and everything left of it came from the client.
 * Fewer entries than proxies, or an entry that is not an IP, gives `undefined`: the request did not come
 * through the proxies as configured, and guessing would hand the choice of address to the client. Only
 * the last few entries are looked at, however long the header.
 */
export function forwardedClientIp(header, trustedProxies) {
    if (!header || trustedProxies < 1)
        return undefined;
    let end = header.length;
    for (let hop = 1; hop < trustedProxies; hop++) {
        if (end === 0)
            return undefined;
        end = header.lastIndexOf(",", end - 1);
        if (end < 0)
            return undefined;
    }
    const start = header.lastIndexOf(",", end - 1) + 1;
    return end - start > MAX_IP_LENGTH + 2 ? undefined : parseIp(header.slice(start, end));
}
/**
 * The client's IP for this request: the app's `rateLimit.clientIp` when it has one, else the forwarded
 * address when `trustedProxies` is set, else none.
 */
export function clientIp(context) {
    const { config } = context;
    const fromApp = config.rateLimit?.options.clientIp;
    if (fromApp)
        return fromApp(context.request)?.trim().slice(0, MAX_IP_LENGTH) || undefined;
    return forwardedClientIp(context.head.headers.get("x-forwarded-for"), config.trustedProxies);
}
