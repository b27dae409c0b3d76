// middleware.ts — §3 "基本用法", as the article writes it (middleware.ts picks it, see there).
import { auth } from "@/auth";
import { NextResponse } from "next/server";

export default auth((req) => {
  const { auth: session } = req;

  // 未登录
  if (!session) {
    return NextResponse.redirect(new URL("/login", req.url));
  }

  // 已登录
  return NextResponse.next();
});

// 配置匹配路径
export const config = {
  matcher: ["/dashboard/:path*", "/admin/:path*"],
};
