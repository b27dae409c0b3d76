// The guard: signed-out requests for the page go to sign-in, for the API get 401.
import { NextResponse } from "next/server";
import { auth } from "./auth";

export default auth((req) => {
  if (req.auth) return NextResponse.next();
  if (req.nextUrl.pathname.startsWith("/api/")) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  return NextResponse.redirect(new URL("/api/auth/signin", req.url));
});

export const config = { matcher: ["/dashboard", "/api/me"] };
