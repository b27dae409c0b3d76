/**
 * Pages Router API routes (`pages/api/auth/[...nextauth].ts`) are called with Node's `req` and `res`, not a
 * Request: this turns the one into a Request for `Auth()` and writes its Response back through `res`.
 * Node-free on purpose (structural types, Web streams): the module is part of `sesame-auth/next`, which
 * Edge bundles import too.
 */
import { requestHeadOf } from "../core/integration.js";

/**
 * What Sesame uses of a Pages Router API request (Next's `NextApiRequest`, Node's `IncomingMessage`): the
 * head, the body Next.js parsed (`req.body`, by default), or else the stream itself (`bodyParser: false`).
 */
export interface NodeApiRequest extends AsyncIterable<unknown> {
  url?: string;
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** What Sesame uses of a Pages Router API response (Next's `NextApiResponse`, Node's `ServerResponse`). */
export interface NodeApiResponse {
  statusCode: number;
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: number | string | readonly string[]): unknown;
  end(chunk?: Uint8Array): unknown;
}

/** Whether a handler's arguments are a Pages Router API route's `(req, res)` rather than a Request. */
export function isNodeApiCall(req: unknown, res: unknown): req is NodeApiRequest {
  return !(req instanceof Request) && typeof (res as NodeApiResponse | undefined)?.setHeader === "function" && typeof (res as NodeApiResponse).end === "function";
}

/** Answers a Pages Router API request with `handle`, the same function App Router route handlers use. */
export async function serveNodeApi(req: NodeApiRequest, res: NodeApiResponse, handle: (request: Request) => Promise<Response>): Promise<void> {
  const response = await handle(requestOfNode(req));
  await writeResponse(res, response);
}

/** Headers that described the body as the client sent it, not as it is re-serialized here. */
const BODY_FRAMING = ["content-length", "transfer-encoding"];

function requestOfNode(req: NodeApiRequest): Request {
  const head = requestHeadOf(req);
  const method = head.method.toUpperCase();
  if (method === "GET" || method === "HEAD") return new Request(head.url, { method, headers: head.headers });
  if (req.body === undefined) {
    // `bodyParser: false` (or a plain Node server): the stream itself, which the core reads under its size
    // cap and cancels as soon as it passes it. Content-Length stays, so an announced oversize is refused unread.
    const init: RequestInit & { duplex: "half" } = { method, headers: head.headers, body: streamOf(req), duplex: "half" };
    return new Request(head.url, init);
  }
  // Next.js parsed the body already (up to its own 1 MB limit): it is written back in the form its
  // Content-Type names, and the core parses that under the same cap and with the same errors as any body.
  const headers = new Headers(head.headers);
  for (const name of BODY_FRAMING) headers.delete(name);
  return new Request(head.url, { method, headers, body: serializedBody(req.body, headers.get("content-type")) });
}

/** A body as Next.js parsed it: an object or any JSON value (JSON), an object (a form), a string (other types). */
function serializedBody(body: unknown, contentType: string | null): BodyInit {
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  // JSON is written back as JSON whatever it parsed to: a JSON string holding an object must not become
  // that object. (`undefined` has no JSON form, hence `?? ""`; the core refuses what is not an object.)
  if (type === "application/json" || type.endsWith("+json")) return JSON.stringify(body) ?? "";
  if (typeof body === "string") return body;
  // A server that hands over the raw bytes (a Buffer): a copy the Request may own.
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (type === "application/x-www-form-urlencoded" && body !== null && typeof body === "object") {
    // Node's querystring gives a repeated field as a list: appended in order, the last one wins when the
    // core reads the form, as it does for the raw body.
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
    }
    return form.toString();
  }
  return JSON.stringify(body) ?? "";
}

/**
 * The request's stream as a Web stream, read as the core pulls. When the core cancels it past the size cap,
 * reading simply stops (backpressure holds the rest in the socket): destroying Node's request would reset
 * the connection before the 400 is written, and Node discards the unread rest once the response ends.
 */
function streamOf(req: NodeApiRequest): ReadableStream<Uint8Array> {
  const iterator = req[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === "string" ? encoder.encode(value) : (value as Uint8Array));
    },
  });
}

async function writeResponse(res: NodeApiResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) {
    // Each cookie its own header line, after any the app set on `res` before calling NextAuth(req, res, options).
    const earlier = res.getHeader("set-cookie");
    res.setHeader("set-cookie", [...(earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [String(earlier)]), ...cookies]);
  }
  res.end(response.body ? new Uint8Array(await response.arrayBuffer()) : undefined);
}
