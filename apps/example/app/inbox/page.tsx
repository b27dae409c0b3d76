// The development inbox: mail the app sent, as the local SMTP catcher received it. Absent in production.
import { notFound } from "next/navigation";

export const dynamic = "force-dynamic";

interface Mail {
  to: string;
  subject: string;
  text: string;
  receivedAt: string;
}

const LINK = /https?:\/\/\S+/;

/** What following the link does, from the route it opens. */
function label(link: string): string {
  const { pathname } = new URL(link);
  if (pathname.endsWith("/verify-email")) return "Confirm address";
  if (pathname.endsWith("/reset-password")) return "Choose a new password";
  return "Sign in";
}

export default async function Inbox() {
  const inbox = process.env.INBOX_URL;
  if (!inbox) notFound();
  const messages = (await (await fetch(`${inbox}/messages`, { cache: "no-store" })).json()) as Mail[];
  return (
    <>
      <h1>Inbox</h1>
      {messages.length === 0 && <p>No mail yet.</p>}
      <ul className="inbox">
        {messages.map((mail) => {
          const link = LINK.exec(mail.text)?.[0];
          return (
            <li key={mail.receivedAt + mail.to + mail.subject} className="card" data-to={mail.to}>
              <p>
                <strong>{mail.subject}</strong> to {mail.to} <span className="muted">at {mail.receivedAt}</span>
              </p>
              {link && (
                <a href={link} className="magic-link">
                  {label(link)}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
