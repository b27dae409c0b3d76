// The guard: signed-out requests for the page go to sign-in, for the API get 401.
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { isUnprotected } from "../shared/unprotected";
import { auth } from "./auth";

const guard = auth((req) => {
  if (req.auth) return NextResponse.next();
  if (req.nextUrl.pathname.startsWith("/api/")) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  return NextResponse.redirect(new URL("/api/auth/signin", req.url));
});

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  return isUnprotected(request.nextUrl.pathname) ? NextResponse.next() : guard(request, event);
}

export const config = { matcher: ["/dashboard", "/api/me", "/public", "/api/public"] };
