// (glue) a protected page showing the session the article's callbacks build.
import { getServerSession } from "next-auth";
import { authOptions } from "../api/auth/[...nextauth]/route";

export default async function Dashboard() {
  const session = await getServerSession(authOptions);
  return <pre id="session">{JSON.stringify(session)}</pre>;
}
