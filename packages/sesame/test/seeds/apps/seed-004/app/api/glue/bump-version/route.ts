// (glue) what the article's version check is for: the app bumps a user's tokenVersion (e.g. on a ban or
// a password change), and every token issued before reads as expired.
import { userById } from "@/lib/db";

export async function POST(request: Request) {
  const { id } = (await request.json()) as { id: string };
  const user = userById(id);
  if (!user) return Response.json({ error: "no such user" }, { status: 404 });
  user.tokenVersion += 1;
  return Response.json({ tokenVersion: user.tokenVersion });
}
