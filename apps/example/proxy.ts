/**
 * Runs before every page (Node.js runtime): reads the session once, slides its expiry, sends signed-out
 * visitors of private pages to sign-in with a `callbackUrl`, keeps `/admin` to admins, and tells the pages
 * who the user is.
 */
import { NextResponse } from "next/server";
import { auth } from "./auth";

const PRIVATE = ["/dashboard", "/client", "/backend", "/sessions", "/security", "/admin"];

export default auth((req) => {
  const { pathname, search } = req.nextUrl;
  const isPrivate = PRIVATE.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
  if (isPrivate && !req.auth) {
    const login = new URL("/login", req.url);
    login.searchParams.set("callbackUrl", pathname + search);
    return NextResponse.redirect(login);
  }
  if (pathname.startsWith("/admin") && req.auth?.user?.role !== "admin") return NextResponse.redirect(new URL("/forbidden", req.url));
  const headers = new Headers(req.headers);
  headers.set("x-user-id", req.auth?.user?.id ?? "");
  return NextResponse.next({ request: { headers } });
});

export const config = { matcher: ["/((?!_next/|api/auth/|favicon.ico).*)"] };
