// (glue) an app has one middleware.ts, the article writes four (§3 basic, §3 role check, §3 custom headers,
// §5 blacklist), each kept as written under middlewares/. This one runs the one the request names in
// `x-seed-middleware` (default: the role check), on the article's matcher, on the Edge runtime as the article
// means it to. Next.js reads `config` statically, so the article's matcher is repeated here.
import type { NextFetchEvent, NextMiddleware, NextRequest } from "next/server";
import basic from "./middlewares/basic";
import blacklist from "./middlewares/blacklist";
import headers from "./middlewares/headers";
import role from "./middlewares/role";

const middlewares: Record<string, unknown> = { basic, role, headers, blacklist };

export default function middleware(req: NextRequest, event: NextFetchEvent) {
  const chosen = middlewares[req.headers.get("x-seed-middleware") ?? "role"] as NextMiddleware;
  return chosen(req, event);
}

export const config = {
  matcher: ["/dashboard/:path*", "/admin/:path*"],
};
