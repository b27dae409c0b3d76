import { auth } from "../../auth";

export const dynamic = "force-dynamic";

export default async function Dashboard() {
  const session = await auth();
  return <p id="user">{session?.user?.name}</p>;
}
