/**
 * Server Components and Server Actions have no Request object, only Next.js's request headers (cookies,
 * host, forwarding): this gives the core the head of the request from them, so that sessions are read the
 * same way everywhere.
 */
import { headers } from "next/headers.js";
/**
 * Headers alone carry no method, so it is inferred, failing closed: a request with a body or a Server
 * Action's `next-action` header is a write (`POST`), anything else reads as a page does (`GET`). The method
 * decides whether a bearer token may stand in for the cookie (`session.bearer: "GET"`); a Route Handler for
 * a bodiless DELETE that must refuse bearer tokens uses the `auth((req) => …)` wrapper, which sees the
 * real request.
 */
class HeadersOnlyRequest {
    headers;
    method;
    #url;
    constructor(headers) {
        this.headers = headers;
        const write = headers.has("next-action") || headers.has("content-type") || headers.has("content-length") || headers.has("transfer-encoding");
        this.method = write ? "POST" : "GET";
    }
    /** The root of the site the request came to (its path is not in the headers). */
    get url() {
        if (this.#url === undefined) {
            const host = this.headers.get("x-forwarded-host") ?? this.headers.get("host") ?? "localhost";
            const proto = this.headers.get("x-forwarded-proto")?.split(",")[0] ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
            this.#url = `${proto}://${host}/`;
        }
        return this.#url;
    }
}
/**
 * Next.js hands out one headers object per request, so the head is kept against it: a layout, a page and
 * its `generateMetadata` each calling `auth()` share it. The entry goes with the request.
 */
const heads = new WeakMap();
export async function currentRequestHead() {
    const incoming = await headers();
    let head = heads.get(incoming);
    if (!head) {
        head = new HeadersOnlyRequest(incoming);
        heads.set(incoming, head);
    }
    return head;
}
