import { headers } from "next/headers";
import { Profile } from "../../../shared/profile";
import { BENCH_USER } from "../../../shared/credentials";

/**
 * What any page that reads the request costs in Next.js, with no auth library: an async Server Component
 * awaiting `headers()` (the only way a page reaches the cookie) and reading the cookie, measured against
 * `/public`. A protected page pays this before its auth library does any work of its own.
 */
export const dynamic = "force-dynamic";

export default async function RequestPage() {
  (await headers()).get("cookie");
  return <Profile viewer={BENCH_USER} />;
}
