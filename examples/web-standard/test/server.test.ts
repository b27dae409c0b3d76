// The demo server over real HTTP: the same sign-in a person does in a browser, from a fresh process.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";

let server: ChildProcess;
let base: string;

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { ...process.env, PORT: String(port), AUTH_SECRET: "example-test-secret-hhhhhhhhhhhhhhhhhhhhhhh" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  for await (const chunk of server.stdout!) {
    output += String(chunk);
    if (output.includes("Sesame demo on")) break;
  }
});

afterAll(() => {
  server?.kill();
});

test("sign in with the demo user over HTTP, see the session, sign out", async () => {
  const jar = new Map<string, string>();
  const call = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(base + path, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (/Max-Age=0/.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  expect(await (await call("/")).text()).toContain("Not signed in.");
  const { csrfToken } = (await (await call("/api/auth/csrf")).json()) as { csrfToken: string };
  const signIn = await call("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email: "alice@example.com", password: "wonderland", callbackUrl: "/" }),
  });
  expect(signIn.status).toBe(302);
  expect(signIn.headers.get("location")).toBe(`${base}/`);
  expect(await (await call("/")).text()).toContain("Signed in as <strong>Alice Example</strong>");
  expect(await (await call("/api/auth/session")).json()).toMatchObject({ user: { email: "alice@example.com" } });
  const signOut = await call("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken }),
  });
  expect(signOut.status).toBe(302);
  expect(await (await call("/api/auth/session")).json()).toBeNull();
});
