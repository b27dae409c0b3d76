// (glue) a page that shows the article's mixed-strategy getSession() next to plain auth().
import { auth } from "@/auth";
import { getSession } from "@/lib/session";

export default async function Latest() {
  const [mixed, plain] = await Promise.all([getSession(), auth()]);
  return (
    <main>
      <pre id="mixed">{JSON.stringify(mixed?.user ?? null)}</pre>
      <pre id="plain">{JSON.stringify(plain?.user ?? null)}</pre>
    </main>
  );
}
