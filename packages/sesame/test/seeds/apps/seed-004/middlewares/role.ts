// middleware.ts — §3 "角色检查", as the article writes it (middleware.ts picks it, see there).
import { auth } from "@/auth";
import { NextResponse } from "next/server";

export default auth((req) => {
  const { auth: session } = req;
  const { pathname } = req.nextUrl;

  // 未登录
  if (!session) {
    return NextResponse.redirect(new URL("/login", req.url));
  }

  // 管理员路由
  if (pathname.startsWith("/admin")) {
    if (session.user.role !== "admin") {
      return NextResponse.redirect(new URL("/unauthorized", req.url));
    }
  }

  return NextResponse.next();
});

export const config = {
  matcher: ["/dashboard/:path*", "/admin/:path*"],
};
