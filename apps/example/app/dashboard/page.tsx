// A protected Server Component: `auth()` reads the session; without one, off to sign-in and back here.
import { redirect } from "next/navigation";
import { auth, update } from "../../auth";

export const dynamic = "force-dynamic";

export default async function Dashboard() {
  const session = await auth();
  if (!session?.user) redirect("/login?callbackUrl=%2Fdashboard");

  async function rename(form: FormData) {
    "use server";
    // Stored with the session: the new name survives reloads and new requests.
    await update({ name: String(form.get("name") ?? "") });
  }

  return (
    <>
      <h1>Dashboard</h1>
      <p>
        Welcome, <strong id="name">{session.user.name ?? session.user.email}</strong>. Your role is <strong id="role">{session.user.role}</strong>.
      </p>
      <p className="muted">
        Session expires <time id="expires">{session.expires}</time>; it slides forward while you use the app.
      </p>
      <form action={rename} className="inline">
        <label>
          Display name <input name="name" defaultValue={session.user.name ?? ""} />
        </label>
        <button type="submit">Update session</button>
      </form>
      <h2>The session, as the server sees it</h2>
      <pre id="session">{JSON.stringify(session, null, 2)}</pre>
    </>
  );
}
