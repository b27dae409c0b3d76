// The guard, as in the Sesame app: signed-out requests for the page go to sign-in, for the API get 401.
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { isUnprotected } from "../shared/unprotected";
import { auth } from "./auth";

const guard = auth((req) => {
  if (req.auth) return NextResponse.next();
  if (req.nextUrl.pathname.startsWith("/api/")) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  return NextResponse.redirect(new URL("/api/auth/signin", req.url));
});

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  // next-auth types the wrapped handler for route handlers; as a proxy it gets Next.js's event, as
  // `export default auth(…)` would.
  return isUnprotected(request.nextUrl.pathname) ? NextResponse.next() : guard(request, event as never);
}

export const config = { matcher: ["/dashboard", "/api/me", "/public", "/api/public"] };
