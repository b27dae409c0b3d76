// "中间件保护", as written, with its imports.
import { withAuth } from "next-auth/middleware";
import { getToken } from "next-auth/jwt";
import { NextResponse } from "next/server";

export default withAuth(async function middleware(req) {
  const token = await getToken({ req });
  
  if (token && Date.now() >= token.data.validity.refresh_until * 1000) {
    const response = NextResponse.redirect("/login");
    // 清除会话cookie
    response.cookies.set("next-auth.session-token", "", { maxAge: 0 });
    return response;
  }
  
  return NextResponse.next();
});

// (glue) without a matcher the middleware would guard /api/auth and /login too, and nobody could sign in.
export const config = { matcher: ["/dashboard/:path*"] };
