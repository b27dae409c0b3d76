import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Profile } from "../../../shared/profile";
import { getAuth } from "../../auth";

export default async function Dashboard() {
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) redirect("/");
  return <Profile viewer={session.user} />;
}
