"use client";
import type { ReactNode } from "react";
import type { Session } from "sesame-auth";
import { SessionProvider } from "sesame-auth/react";

export default function Providers({ session, children }: { session: Session | null; children: ReactNode }) {
  return (
    <SessionProvider session={session} refetchInterval={60}>
      {children}
    </SessionProvider>
  );
}
