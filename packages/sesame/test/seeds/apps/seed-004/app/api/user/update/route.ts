// (glue) the endpoint the article's ProfileUpdater posts to (it sends JSON without a content type).
import { auth } from "@/auth";
import { userById } from "@/lib/db";

export async function POST(request: Request) {
  const session = await auth();
  const user = session && userById(session.user.id);
  if (!user) return Response.json({ error: "Unauthorized" }, { status: 401 });
  const { name } = JSON.parse(await request.text()) as { name: string };
  user.name = name;
  return Response.json({ ok: true });
}
