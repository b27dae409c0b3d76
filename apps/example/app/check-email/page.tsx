// `pages.verifyRequest`: shown after Sesame mailed a link — to sign in, to confirm a new account or address,
// or to reset a password (`?type=`).
import Link from "next/link";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const WHAT: Record<string, string> = {
  signup: "A link to confirm your address is on its way. Your account is created when you follow it (within 24 hours).",
  verify: "A link to confirm your address is on its way. It works once, for 24 hours.",
  change: "A link to confirm your new address is on its way. Your email changes when you follow it.",
  reset: "If that address has an account, a link to choose a new password is on its way. It works once, for an hour.",
};

export default async function CheckEmail({ searchParams }: { searchParams: SearchParams }) {
  const { type } = await searchParams;
  return (
    <>
      <h1>Check your email</h1>
      <p id="check-email">{(typeof type === "string" && WHAT[type]) || "A sign-in link is on its way. It works once, for 24 hours."}</p>
      {process.env.INBOX_URL && (
        <p>
          In development the mail is caught locally: <Link href="/inbox">open the inbox</Link>.
        </p>
      )}
    </>
  );
}
