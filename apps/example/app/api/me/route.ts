// A protected API route: 401 JSON without a session, the caller's data with one.
import { auth } from "../../../auth";

export async function GET() {
  const session = await auth();
  if (!session?.user) return Response.json({ error: "Unauthorized", message: "Sign in first." }, { status: 401 });
  return Response.json({ user: session.user, expires: session.expires });
}
