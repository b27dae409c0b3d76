import { redirect } from "next/navigation";
import { Profile } from "../../../shared/profile";
import { auth } from "../../auth";

export default async function Dashboard() {
  const session = await auth();
  if (!session?.user) redirect("/api/auth/signin");
  return <Profile viewer={session.user} />;
}
