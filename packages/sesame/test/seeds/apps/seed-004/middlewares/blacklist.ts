// middleware.ts — §5 "解决方案 2：黑名单", as the article writes it (middleware.ts picks it, see there).
import { auth } from '@/auth';
import { redis } from '@/lib/redis';
import { NextResponse } from 'next/server'; // (glue) the article uses NextResponse without importing it

export default auth(async (req) => {
  const { auth: session } = req;

  if (session) {
    // 检查黑名单
    const isBlacklisted = await redis.get(`blacklist:${session.user.id}`);

    if (isBlacklisted) {
      return NextResponse.redirect(new URL('/login', req.url));
    }
  }

  return NextResponse.next();
});
