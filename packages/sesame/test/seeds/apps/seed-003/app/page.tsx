// (glue) the page the front end of "错误处理最佳实践" would be: it shows the session's error, if any.
import { auth } from "@/auth";

export default async function Home() {
  const session = await auth();
  return <p id="error">{session?.error ?? ""}</p>;
}
