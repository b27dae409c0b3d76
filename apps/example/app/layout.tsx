import type { ReactNode } from "react";
import Link from "next/link";
import { auth, signOut } from "../auth";
import SessionErrorBanner from "../components/session-error-banner";
import Providers from "./providers";
import "./globals.css";

export const metadata = { title: "Sesame example" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  return (
    <html lang="en">
      <body>
        <Providers session={session}>
          <header>
            <Link href="/" className="brand">
              Sesame
            </Link>
            <nav>
              <Link href="/dashboard">Dashboard</Link>
              <Link href="/client">Client page</Link>
              <Link href="/backend">Backend</Link>
              <Link href="/sessions">My sessions</Link>
              <Link href="/security">Security</Link>
              <Link href="/admin">Admin</Link>
              {process.env.INBOX_URL && <Link href="/inbox">Inbox</Link>}
            </nav>
            <span className="who" id="who">
              {session?.user ? (
                <>
                  {session.user.name ?? session.user.email}
                  <form
                    action={async () => {
                      "use server";
                      await signOut({ redirectTo: "/" });
                    }}
                  >
                    <button type="submit" id="sign-out">
                      Sign out
                    </button>
                  </form>
                </>
              ) : (
                <>
                  <Link href="/login">Sign in</Link>
                  <Link href="/signup" id="nav-signup">
                    Sign up
                  </Link>
                </>
              )}
            </span>
          </header>
          <SessionErrorBanner />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
