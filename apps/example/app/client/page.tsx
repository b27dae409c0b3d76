"use client";
// A protected client component: `required: true` sends visitors without a session to sign-in. Signing out
// in another tab ends this one too, within moments (BroadcastChannel).
import { signOut, useSession } from "sesame-auth/react";

export default function ClientPage() {
  const { data: session, status } = useSession({ required: true });
  if (status === "loading") return <p id="client-status">Loading…</p>;
  return (
    <>
      <h1>Client page</h1>
      <p id="client-status">
        {status}: {session?.user?.name ?? session?.user?.email}
      </p>
      <pre>{JSON.stringify(session, null, 2)}</pre>
      <button type="button" id="client-sign-out" onClick={() => void signOut({ callbackUrl: "/" })}>
        Sign out (from the client)
      </button>
    </>
  );
}
