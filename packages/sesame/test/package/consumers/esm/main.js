// A plain Node ESM project: sign in and read the session through Auth(), no framework.
/* global Headers, Request, URLSearchParams */
import { Auth } from "sesame-auth";
import Credentials from "sesame-auth/providers/credentials";

const config = {
  secret: "consumer-secret-0123456789-abcdefghijklmnop",
  trustHost: true,
  rateLimit: false,
  providers: [Credentials({ authorize: ({ username }) => (username === "alice" ? { id: "1", name: "Alice" } : null) })],
};
const origin = "http://localhost:3000";
const cookies = new Map();
async function call(path, init = {}) {
  const headers = new Headers(init.headers);
  headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
  const response = await Auth(new Request(`${origin}/api/auth/${path}`, { ...init, headers }), config);
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(";");
    cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  }
  return response;
}
const { csrfToken } = await (await call("csrf")).json();
await call("callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, username: "alice" }) });
console.log(JSON.stringify((await (await call("session")).json()).user));
