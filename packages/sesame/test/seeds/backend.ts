/**
 * The "backend API" seeds 001 and 002 sign in against: a real HTTP server that checks a password and
 * issues HS256 JWTs (jose), and refreshes them. Lifetimes are short so the seeds' own refresh code runs
 * within a test: every user's access token lives `accessSeconds`; `brief`'s refresh token dies after
 * `briefRefreshSeconds`, everyone else's after an hour.
 *
 * - `POST /login` `{ username, password }` → `{ access, refresh }` (seed 001's `BackendJWT`)
 * - `POST /legacy/login` → `{ userToken, userRefreshToken }` (seed 002's answer)
 * - `POST /refresh` `{ refresh }` → `{ access }`, 401 once the refresh token has expired
 */
import { createServer, type IncomingMessage } from "node:http";
import { once } from "node:events";
import { SignJWT, jwtVerify } from "jose";

export const PASSWORD = "wonderland";

export interface Backend {
  url: string;
  /** Every refresh the backend answered, by user. */
  refreshes: string[];
  close(): Promise<void>;
}

const USERS: Record<string, { id: number; email: string; role: string }> = {
  alice: { id: 1, email: "alice@example.com", role: "admin" },
  brief: { id: 2, email: "brief@example.com", role: "user" },
};

async function bodyOf(request: IncomingMessage): Promise<Record<string, string>> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return JSON.parse(text || "{}") as Record<string, string>;
}

export async function startBackend({ accessSeconds = 7, briefRefreshSeconds = 3 } = {}): Promise<Backend> {
  const key = new TextEncoder().encode("backend-signing-key-0123456789-abcdef");
  const refreshes: string[] = [];
  const sign = (claims: Record<string, unknown>, seconds: number) =>
    new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + seconds).sign(key);
  const accessFor = (username: string) => {
    const user = USERS[username]!;
    return sign({ id: user.id, userId: String(user.id), username, email: user.email, role: user.role }, accessSeconds);
  };

  const server = createServer(async (request, response) => {
    const answer = (status: number, body: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    const body = await bodyOf(request).catch(() => ({}) as Record<string, string>);
    if (request.method === "POST" && (request.url === "/login" || request.url === "/legacy/login")) {
      const user = USERS[body.username ?? ""];
      if (!user || body.password !== PASSWORD) return answer(401, { detail: "No active account found with the given credentials" });
      const access = await accessFor(body.username!);
      const refresh = await sign({ id: user.id, username: body.username, typ: "refresh" }, body.username === "brief" ? briefRefreshSeconds : 3600);
      return answer(200, request.url === "/login" ? { access, refresh } : { userToken: access, userRefreshToken: refresh });
    }
    if (request.method === "POST" && request.url === "/refresh") {
      try {
        const { payload } = await jwtVerify<{ username: string; typ: string }>(body.refresh ?? "", key);
        if (payload.typ !== "refresh") throw new Error("not a refresh token");
        refreshes.push(payload.username);
        return answer(200, { access: await accessFor(payload.username) });
      } catch {
        return answer(401, { detail: "Token is invalid or expired" });
      }
    }
    answer(404, { detail: "Not found" });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    refreshes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
