/** Loopback hosts: the developer's own machine, where browsers treat plain http as a secure context. */

/** `localhost` (and its subdomains, RFC 6761), 127.0.0.0/8, `[::1]`. `hostname` is as `URL` normalises it. */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
