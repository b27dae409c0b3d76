/**
 * Server Components and Server Actions have no Request object: this rebuilds one from Next.js's request
 * headers (cookies, host, forwarding) so that the core reads sessions the same way everywhere.
 */
import { headers } from "next/headers.js";

export async function currentRequest(): Promise<Request> {
  const incoming = await headers();
  const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "localhost";
  const proto = incoming.get("x-forwarded-proto")?.split(",")[0] ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return new Request(`${proto}://${host}/`, { headers: new Headers(incoming) });
}
