// The two conversions between Node's http module and the Web's Request/Response that `Auth()` speaks. Bun,
// Deno and Workers hand you a Request already and take a Response back; only Node needs these.
import type { IncomingMessage, ServerResponse } from "node:http";

export function toRequest(req: IncomingMessage, fallbackHost = "localhost"): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://${req.headers.host ?? fallbackHost}${req.url ?? "/"}`, {
    method: req.method,
    headers,
    body: hasBody ? (req as unknown as ReadableStream) : undefined,
    ...(hasBody && { duplex: "half" }),
  } as RequestInit);
}

export async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  // Each cookie is its own Set-Cookie header; joining them with commas would corrupt their Expires dates.
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}
