// The same guard with no auth library: every request passes, so the apps' difference is the auth work.
import { NextResponse } from "next/server";

export default function proxy() {
  return NextResponse.next();
}

export const config = { matcher: ["/dashboard", "/api/me", "/public", "/api/public", "/request-page", "/api/request"] };
