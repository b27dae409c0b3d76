// middleware.ts — §3 "添加自定义头", as the article writes it (middleware.ts picks it, see there; the
// Server Component of the same block is app/dashboard/page.tsx).
import { auth } from '@/auth';
import { NextResponse } from 'next/server';

export default auth((req) => {
  const { auth: session } = req;

  if (!session) {
    return NextResponse.redirect(new URL('/login', req.url));
  }

  // 添加用户信息到请求头
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-user-id', session.user.id);
  requestHeaders.set('x-user-role', session.user.role);

  return NextResponse.next({
    request: {
      headers: requestHeaders,
    },
  });
});
