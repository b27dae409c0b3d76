import { Profile } from "../../../shared/profile";
import { BENCH_USER } from "../../../shared/credentials";

// Rendered per request like the protected pages, with a fixed user instead of a session.
export const dynamic = "force-dynamic";

export default function Dashboard() {
  return <Profile viewer={BENCH_USER} />;
}
