// The public home page: who you are, what to try, and which storage this run uses.
import Link from "next/link";
import { auth } from "../auth";
import { storage } from "../lib/storage";

export const dynamic = "force-dynamic";

export default async function Home() {
  const session = await auth();
  return (
    <>
      <h1>Sesame example</h1>
      <p id="status">
        {session?.user ? (
          <>
            Signed in as <strong>{session.user.name ?? session.user.email}</strong> ({session.user.role}).
          </>
        ) : (
          "You are not signed in."
        )}
      </p>
      <section className="cards">
        <Link href="/login" className="card">
          <h2>Sign in</h2>
          <p>With your email and password, a passkey, the sample backend (alice / wonderland, bob / builder), the local OpenID Provider (carol or dave), or a magic link.</p>
        </Link>
        <Link href="/signup" className="card" id="home-signup">
          <h2>Create an account</h2>
          <p>Email and password, confirmed by a link from the inbox. Forgot it? Reset it by email.</p>
        </Link>
        <Link href="/dashboard" className="card">
          <h2>Dashboard</h2>
          <p>A Server Component reading the session with <code>auth()</code>.</p>
        </Link>
        <Link href="/client" className="card">
          <h2>Client page</h2>
          <p>
            <code>useSession(&#123; required: true &#125;)</code>, kept in sync across tabs.
          </p>
        </Link>
        <Link href="/backend" className="card">
          <h2>Backend</h2>
          <p>The backend&apos;s one-minute access token, refreshed by Sesame as you watch.</p>
        </Link>
        <Link href="/sessions" className="card">
          <h2>My sessions</h2>
          <p>Every device you are signed in on; sign the others out.</p>
        </Link>
        <Link href="/security" className="card" id="home-security">
          <h2>Security</h2>
          <p>Your password, two-step verification (an authenticator app, backup codes, remembered browsers) and passkeys.</p>
        </Link>
        <Link href="/admin" className="card">
          <h2>Admin</h2>
          <p>
            Only for <code>role: &quot;admin&quot;</code>, checked in <code>proxy.ts</code>.
          </p>
        </Link>
      </section>
      <p className="muted">Storage: {storage().label}.</p>
    </>
  );
}
