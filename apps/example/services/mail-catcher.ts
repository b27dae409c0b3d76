/**
 * A local SMTP server that delivers nowhere: it keeps every message so the app's development inbox
 * (`/inbox`) can show the magic links it sent, and serves them as JSON at `GET /messages`.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string;
  subject: string;
  text: string;
  receivedAt: string;
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`, for `EMAIL_SERVER`. */
  smtpUrl: string;
  /** The inbox over HTTP: `GET <inboxUrl>/messages`. */
  inboxUrl: string;
  messages: CaughtMail[];
  close(): Promise<void>;
}

const KEEP = 50;

export async function startMailCatcher({ smtpPort = 0, httpPort = 0 } = {}): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = session.envelope.rcptTo.map((recipient) => recipient.address).join(", ");
          messages.unshift({ to, subject: mail.subject ?? "", text: mail.text ?? "", receivedAt: new Date().toISOString() });
          messages.length = Math.min(messages.length, KEEP);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  smtp.listen(smtpPort, "127.0.0.1");
  await once(smtp.server, "listening");

  const http: Server = createServer((req, res) => {
    if (req.url !== "/messages") return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
  });
  http.listen(httpPort, "127.0.0.1");
  await once(http, "listening");

  return {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    inboxUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    messages,
    async close() {
      http.closeAllConnections();
      await Promise.all([new Promise((resolve) => http.close(resolve)), new Promise<void>((resolve) => smtp.close(() => resolve()))]);
    },
  };
}
