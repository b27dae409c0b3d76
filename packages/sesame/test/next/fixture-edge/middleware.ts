// Next 15 style: middleware on the Edge runtime (Web APIs only: the core must run there unchanged).
export { auth as middleware } from "./auth";
export const config = { matcher: ["/dashboard/:path*"] };
