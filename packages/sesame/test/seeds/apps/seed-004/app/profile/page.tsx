"use client";
// (glue) a page for the article's ProfileUpdater: useSession needs its provider, and the test reads the
// session the client holds.
import { SessionProvider, useSession } from "next-auth/react";
import { ProfileUpdater } from "@/components/ProfileUpdater";

function Name() {
  const { data, status } = useSession();
  return <p id="name" data-status={status}>{data?.user?.name ?? ""}</p>;
}

export default function Profile() {
  return (
    <SessionProvider>
      <Name />
      <ProfileUpdater />
    </SessionProvider>
  );
}
