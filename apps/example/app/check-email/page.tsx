// `pages.verifyRequest`: shown after a magic link was sent.
import Link from "next/link";

export default function CheckEmail() {
  return (
    <>
      <h1>Check your email</h1>
      <p>A sign-in link is on its way. It works once, for 24 hours.</p>
      {process.env.INBOX_URL && (
        <p>
          In development the mail is caught locally: <Link href="/inbox">open the inbox</Link>.
        </p>
      )}
    </>
  );
}
