import { InvalidRequest, UntrustedHost } from "./errors.js";
/** The origin to build mailed links on. Throws when it would come from an unvetted request header. */
export function linkOrigin(context) {
    const { authUrl, allowedHosts, production } = context.config;
    if (authUrl)
        return authUrl.origin;
    if (production && !allowedHosts) {
        throw new UntrustedHost("Email sign-in links must not be built from the request's Host / X-Forwarded-Host header in production. " +
            "Set AUTH_URL to the public URL of the app (e.g. AUTH_URL=https://example.com), or list the hosts it " +
            'serves in `allowedHosts` (e.g. `allowedHosts: ["example.com"]`).');
    }
    const requested = new URL(context.origin);
    if (allowedHosts?.has(requested.host))
        return production ? `https://${requested.host}` : requested.origin;
    if (allowedHosts) {
        throw new InvalidRequest(`The request's host is not one of \`allowedHosts\`; no sign-in link was sent.`);
    }
    // Outside production with nothing configured: a loopback host is the developer's own machine.
    if (isLoopback(requested.hostname))
        return requested.origin;
    throw new UntrustedHost(`Email sign-in links are built from the request's host only for loopback hosts when neither AUTH_URL nor ` +
        `\`allowedHosts\` is set, and this request came for ${JSON.stringify(requested.host)}. Set AUTH_URL to the ` +
        `app's URL, or add the host to \`allowedHosts\` (e.g. \`allowedHosts: [${JSON.stringify(requested.host)}]\`).`);
}
/** `localhost` (and its subdomains, RFC 6761), 127.0.0.0/8, `[::1]`. `hostname` is as `URL` normalises it. */
function isLoopback(hostname) {
    return hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
