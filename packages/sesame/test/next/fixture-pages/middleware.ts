// NextAuth v4's middleware one-liner, with the specifier changed. (Its other spelling, `export { default }
// from "next-auth/middleware"`, fails `next build` on Next.js 16 whatever the module — Next's own check of
// this file does not follow a re-exported default — so apps write it this way.) The matcher includes the
// auth API, which the middleware must let through.
import middleware from "sesame-auth/middleware";

export default middleware;
export const config = { matcher: ["/protected/:path*", "/api/auth/:path*", "/api/authority"] };
