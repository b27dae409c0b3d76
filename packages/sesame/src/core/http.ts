/** Request bodies in, responses out: the small HTTP helpers every route shares. */
import { InvalidRequest } from "./errors.js";
import { isPlainObject } from "./plain-object.js";

export type Body = Record<string, string | undefined> & { data?: unknown };

/** Bodies above this are refused before they are read: no auth form comes close. */
const MAX_BODY_BYTES = 64 * 1024;

/** Parses a form or JSON body into a flat record. Malformed or oversized input is an `InvalidRequest`. */
export async function readBody(request: Request): Promise<Body> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES) throw new InvalidRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  const text = await readCappedText(request);
  if (text.trim() === "") return {};
  if (type === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new InvalidRequest("The request body is not valid JSON.");
    }
    if (!isPlainObject(parsed)) {
      throw new InvalidRequest("The JSON body must be an object.");
    }
    const body: Body = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (key === "data") body.data = value;
      else if (typeof value === "string") body[key] = value;
      else if (typeof value === "number" || typeof value === "boolean") body[key] = String(value);
    }
    return body;
  }
  if (type === "application/x-www-form-urlencoded" || type === "") {
    if (!/^[^\s{[]/.test(text.trimStart())) throw new InvalidRequest("The request body is not a form.");
    return Object.fromEntries(new URLSearchParams(text));
  }
  throw new InvalidRequest(`Unsupported content type "${type}": send application/x-www-form-urlencoded or application/json.`);
}

/**
 * The body as text, read no further than `MAX_BODY_BYTES`. The Content-Length check above does not cover a
 * chunked body, which announces no length: `request.text()` would buffer whatever the client streams (an
 * endless body holds memory and the request open), so the stream is read chunk by chunk and cancelled as
 * soon as it passes the cap.
 */
async function readCappedText(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        void reader.cancel().catch(() => {});
        throw new InvalidRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes.`);
      }
      chunks.push(value);
    }
  } catch (cause) {
    if (cause instanceof InvalidRequest) throw cause;
    throw new InvalidRequest("The request body could not be read.", { cause });
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Not fatal: like `Request.text()`, malformed UTF-8 becomes U+FFFD and the form or JSON check refuses it.
  return new TextDecoder().decode(bytes);
}

const NO_STORE = "private, no-cache, no-store";

export function json(body: unknown, init: { status?: number; headers?: Headers } = {}): Response {
  // Set on the response's own header list: `new Response` copies and re-validates a Headers object passed
  // in, which costs twice as much, and `GET /session` usually has no other header to send.
  const response = new Response(JSON.stringify(body), init.headers ? { status: init.status ?? 200, headers: init.headers } : { status: init.status ?? 200 });
  response.headers.set("content-type", "application/json");
  response.headers.set("cache-control", NO_STORE);
  return response;
}

/**
 * An HTML page. `scriptNonce` lets the page's own inline script run (the sign-in page's passkey script,
 * which also calls the auth API): no other script does.
 */
export function html(body: string, init: { status?: number; headers?: Headers; scriptNonce?: string } = {}): Response {
  const headers = init.headers ?? new Headers();
  headers.set("content-type", "text/html; charset=utf-8");
  headers.set("cache-control", NO_STORE);
  // The pages load nothing from elsewhere; say so, which also blocks injected scripts.
  const script = init.scriptNonce ? `; script-src 'nonce-${init.scriptNonce}'; connect-src 'self'` : "";
  headers.set("content-security-policy", `default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'; frame-ancestors 'none'${script}`);
  return new Response(body, { status: init.status ?? 200, headers });
}

/**
 * Sends the browser to `url`, or, for clients that asked with `X-Auth-Return-Redirect: 1` (Auth.js v5) or
 * `json=true` in the body (NextAuth v4), answers `{ url }` so they can navigate themselves.
 */
export function redirect(url: string, returnJson: boolean, headers = new Headers()): Response {
  if (returnJson) return json({ url }, { headers });
  headers.set("location", url);
  headers.set("cache-control", NO_STORE);
  return new Response(null, { status: 302, headers });
}

/** Whether the client wants redirects as JSON. */
export function wantsJson(request: Request, body?: Body): boolean {
  return request.headers.get("x-auth-return-redirect") === "1" || body?.json === "true";
}

/**
 * Whether a form route answers JSON: for programs (a JSON body, or the clients' `X-Auth-Return-Redirect` /
 * `json=true`); a redirect for browser forms.
 */
export function answersJson(context: { readonly request: Request; readonly head: { readonly headers: Headers } }, body: Body): boolean {
  return wantsJson(context.request, body) || (context.head.headers.get("content-type") ?? "").includes("json");
}

/**
 * Whether the request is Auth.js v5's browser client's: a form posted with `X-Auth-Return-Redirect: 1`
 * (next-auth 4's client posts `json=true` instead). That client reads a refused sign-in from the URL it gets
 * back, with the 200 Auth.js answers it; programs posting JSON get the status that says what happened.
 */
export function isAuthJsClient(request: { readonly headers: Headers }): boolean {
  const { headers } = request;
  return headers.get("x-auth-return-redirect") === "1" && (headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}

export function withCookies(cookies: readonly string[], headers = new Headers()): Headers {
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return headers;
}
