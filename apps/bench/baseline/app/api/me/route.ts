import { BENCH_USER } from "../../../../shared/credentials";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ user: BENCH_USER });
}
