/**
 * The unprotected twins of the protected page and API route, in every app: the same markup and JSON, a fixed
 * user instead of a session, behind the same proxy, which lets them through without asking the auth library.
 * A protected route's auth overhead is its cost above its twin's in the same server process.
 */
import { BENCH_USER } from "./credentials";
import { Profile } from "./profile";

export function isUnprotected(pathname: string): boolean {
  return pathname === "/public" || pathname === "/api/public";
}

export function UnprotectedPage() {
  return <Profile viewer={BENCH_USER} />;
}

export function unprotectedRoute(): Response {
  return Response.json({ user: BENCH_USER });
}
