// Sesame on a plain Node HTTP server: the auth API from `Auth()`, and a page that reads the session with
// `getSession()`. Any runtime that speaks Request/Response (Bun, Deno, Workers) needs only the two calls.
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { Auth, getSession, type SesameConfig } from "sesame-auth";
import Credentials from "sesame-auth/providers/credentials";
import { send, toRequest } from "./node-http.js";

const PORT = Number(process.env.PORT ?? 3000);
const DEMO_USER = { id: "1", name: "Alice Example", email: "alice@example.com", password: "wonderland" };

if (!process.env.AUTH_SECRET) {
  // A throwaway secret keeps the demo one command away; sessions end when the server restarts.
  process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
  console.warn("AUTH_SECRET is not set: using a random one for this run (run `npx sesame-auth secret` to make one).");
}

const config: SesameConfig = {
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: ({ email, password }) =>
        email === DEMO_USER.email && password === DEMO_USER.password ? { id: DEMO_USER.id, name: DEMO_USER.name, email } : null,
    }),
  ],
};

async function home(request: Request): Promise<Response> {
  const { session, cookies } = await getSession(request, config);
  const headers = new Headers({ "content-type": "text/html; charset=utf-8" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  const body = session
    ? `<p>Signed in as <strong>${session.user?.name}</strong> (${session.user?.email}), until ${session.expires}.</p>
       <p><a href="/api/auth/session">Session JSON</a> · <a href="/api/auth/signout">Sign out</a></p>`
    : `<p>Not signed in.</p><p><a href="/api/auth/signin?callbackUrl=/">Sign in</a> as ${DEMO_USER.email} / ${DEMO_USER.password}</p>`;
  return new Response(`<!doctype html><title>Sesame demo</title><main style="font:16px system-ui;margin:3rem">${body}</main>`, { headers });
}

createServer(async (req, res) => {
  try {
    const request = toRequest(req, `localhost:${PORT}`);
    const { pathname } = new URL(request.url);
    await send(res, pathname.startsWith("/api/auth/") ? await Auth(request, config) : await home(request));
  } catch (error) {
    console.error(error);
    res.statusCode = 500;
    res.end("Internal error");
  }
}).listen(PORT, "127.0.0.1", () => {
  console.log(`Sesame demo on http://localhost:${PORT} — sign in as ${DEMO_USER.email} / ${DEMO_USER.password}. Ctrl-C stops it.`);
});
