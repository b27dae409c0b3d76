import { headers } from "next/headers";
import { unprotectedRoute } from "../../../../shared/unprotected";

/**
 * What any route handler that reads the request through `headers()` costs, with no auth library: the API
 * counterpart of `/request-page`, measured against `/api/public`.
 */
export const dynamic = "force-dynamic";

export async function GET() {
  (await headers()).get("cookie");
  return unprotectedRoute();
}
