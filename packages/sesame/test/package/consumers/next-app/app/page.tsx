import { auth } from "@/auth";

export const dynamic = "force-dynamic";

export default async function Home() {
  const session = await auth();
  return <p id="who">{session?.user?.name ? `Signed in as ${session.user.name}` : "Signed out"}</p>;
}
