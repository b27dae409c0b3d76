// A CommonJS project whose bundler resolves packages (`moduleResolution: bundler`): static imports of every
// subpath, bundled to CommonJS for Node.
import { Auth, type SesameConfig, type Session } from "sesame-auth";
import { getToken } from "sesame-auth/jwt";
import Credentials from "sesame-auth/providers/credentials";
import { MemoryAdapter } from "sesame-auth/adapters/memory";

const config: SesameConfig = {
  secret: "consumer-secret-0123456789-abcdefghijklmnop",
  trustHost: true,
  rateLimit: false,
  session: { strategy: "jwt" },
  adapter: MemoryAdapter(),
  providers: [Credentials({ authorize: ({ username }) => (username === "alice" ? { id: "1", name: "Alice" } : null) })],
};

async function main(): Promise<void> {
  const cookies = new Map<string, string>();
  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await Auth(new Request(`http://localhost:3000/api/auth/${path}`, { ...init, headers }), config);
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(";")[0] ?? "";
      cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    return response;
  };
  const { csrfToken } = (await (await call("csrf")).json()) as { csrfToken: string };
  await call("callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, username: "alice" }) });
  const session = (await (await call("session")).json()) as Session;
  const cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const token = await getToken({ req: new Request("http://localhost:3000/", { headers: { cookie } }), secret: config.secret as string });
  console.log(JSON.stringify({ user: session.user, sub: token?.sub }));
}

// A rejection is unhandled, and Node exits with code 1.
void main();
