/**
 * Server Components and Server Actions have no Request object: this rebuilds one from Next.js's request
 * headers (cookies, host, forwarding) so that the core reads sessions the same way everywhere.
 */
import { headers } from "next/headers.js";

type IncomingHeaders = Awaited<ReturnType<typeof headers>>;

/**
 * Next.js hands out one headers object per request, so the rebuilt Request is kept against it: a layout, a
 * page and its `generateMetadata` each calling `auth()` copy the headers once (a copy costs about 15 µs,
 * several times the session read itself). The entry goes with the request.
 */
const rebuilt = new WeakMap<IncomingHeaders, Request>();

export async function currentRequest(): Promise<Request> {
  const incoming = await headers();
  let request = rebuilt.get(incoming);
  if (!request) {
    request = rebuild(incoming);
    rebuilt.set(incoming, request);
  }
  return request;
}

function rebuild(incoming: IncomingHeaders): Request {
  const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "localhost";
  const proto = incoming.get("x-forwarded-proto")?.split(",")[0] ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return new Request(`${proto}://${host}/`, { headers: incoming });
}
