// The guard, as in the Sesame app, with better-auth's full session check (Next.js 16 proxies run on Node.js).
import { NextResponse, type NextRequest } from "next/server";
import { isUnprotected } from "../shared/unprotected";
import { getAuth } from "./auth";

export default async function proxy(request: NextRequest) {
  if (isUnprotected(request.nextUrl.pathname)) return NextResponse.next();
  const session = await getAuth().api.getSession({ headers: request.headers });
  if (session) return NextResponse.next();
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  return NextResponse.redirect(new URL("/", request.url));
}

export const config = { matcher: ["/dashboard", "/api/me", "/public", "/api/public"] };
