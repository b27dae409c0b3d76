// @vitest-environment jsdom
/**
 * The wire, as next-auth's own browser clients expect it (issue 30): the real `next-auth/react` of next-auth
 * 4.24 and of next-auth 5 run in this page against Sesame, and against the real next-auth 4 and Auth.js
 * (@auth/core) servers, whose answers are the expected ones.
 */
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { format } from "node:util";
import { createElement, type ComponentType, type ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import AuthJsCredentials from "../../../../bench/node_modules/@auth/core/providers/credentials.js";
import { Auth, type SesameConfig } from "../../src/index.js";
import { NextAuth } from "../../src/next/index.js";
import Credentials from "../../src/providers/credentials.js";
import { ORIGIN, SECRET } from "../support/helpers.js";
import { authJsServer, nextAuth4Module, nextAuth4Server, Tab, type Server } from "./references.js";

const alice = { id: "u1", name: "Alice", email: "alice@example.com" };
const authorize = async (credentials: Partial<Record<string, unknown>> | undefined) =>
  credentials?.username === "alice" && credentials.password === "wonderland" ? alice : null;
const credentialFields = { username: { label: "Username" }, password: { label: "Password", type: "password" } };

const sesameConfig = (overrides: Partial<SesameConfig> = {}): SesameConfig => ({
  secret: SECRET,
  trustHost: true,
  rateLimit: false,
  providers: [Credentials({ credentials: credentialFields, authorize })],
  ...overrides,
});
/** Sesame mounted as Auth.js v5 apps mount it: `export const { GET, POST } = handlers`. */
const sesameHandlers = (config = sesameConfig()): Server => NextAuth(config).handlers.GET;
/** Sesame mounted as next-auth 4 apps mount it: `const handler = NextAuth(authOptions); export { handler as GET, handler as POST }`. */
const sesameV4Handler = (config = sesameConfig()): Server => NextAuth(config);

const nextAuth4CredentialsProvider = nextAuth4Module<{ default: (options: Record<string, unknown>) => Record<string, unknown> }>("providers/credentials.js").default;
const nextAuth4 = (): Server => nextAuth4Server({ secret: SECRET, providers: [nextAuth4CredentialsProvider({ credentials: credentialFields, authorize })] });
const authJs = (): Server => authJsServer({ secret: SECRET, providers: [AuthJsCredentials({ credentials: credentialFields, authorize })] });

type Client = {
  SessionProvider: ComponentType<{ children?: ReactNode }>;
  useSession(): { status: string; data: unknown };
  signIn(provider: string, options: Record<string, unknown>): Promise<unknown>;
};
/** A fresh copy of a real client module, so that no state carries over from the last test. */
async function nextAuthClient(generation: 4 | 5): Promise<Client> {
  vi.resetModules();
  if (generation === 5) return (await import("../../../../apps/bench/next-auth/node_modules/next-auth/react.js")) as unknown as Client;
  return nextAuth4Module<Client>("react/index.js");
}

let consoleErrors: string[];
beforeEach(() => {
  // Both clients and the next-auth 4 server build their URLs from it.
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
  consoleErrors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void consoleErrors.push(format(...args)));
});
afterEach(() => {
  cleanup();
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** The client's page: `SessionProvider` and `useSession()`, with its `fetch` going to `server`. Resolves with the settled status. */
async function signedOutPage(generation: 4 | 5, server: Server): Promise<{ status: string; tab: Tab }> {
  const tab = new Tab(server);
  vi.stubGlobal("fetch", tab.fetch);
  const client = await nextAuthClient(generation);
  function Status() {
    const { status } = client.useSession();
    return createElement("p", { "data-testid": "status" }, status);
  }
  render(createElement(client.SessionProvider, null, createElement(Status)));
  await waitFor(() => expect(screen.getByTestId("status").textContent).not.toBe("loading"));
  // A failed fetch is reported to `/_log` after the status settles: let it land.
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  return { status: screen.getByTestId("status").textContent!, tab };
}

const clientErrors = () => consoleErrors.filter((line) => /CLIENT_FETCH_ERROR|ClientFetchError|CLIENT_SESSION_ERROR|ClientSessionError/.test(line));

describe("GET /session without a session", () => {
  test("each generation's answer, computed by its server: next-auth 4 {} and Auth.js null; Sesame gives each its own", async () => {
    const signedOut = async (server: Server) => (await server(new Request(`${ORIGIN}/api/auth/session`, { headers: { "content-type": "application/json" } }))).json();
    const v4 = await signedOut(nextAuth4());
    const v5 = await signedOut(authJs());
    expect([v4, v5]).toEqual([{}, null]);
    expect(await signedOut(sesameV4Handler())).toEqual(v4);
    expect(await signedOut(sesameHandlers())).toEqual(v5);
    // Auth() is Auth.js's `Auth()`; the `wire` option overrides how the app mounted the handler.
    expect(await signedOut((request) => Auth(request, sesameConfig()))).toEqual(v5);
    expect(await signedOut(sesameHandlers(sesameConfig({ wire: "v4" })))).toEqual(v4);
    expect(await signedOut(sesameV4Handler(sesameConfig({ wire: "v5" })))).toEqual(v5);
  });

  test("an update without a session (POST /session) is answered the same way", async () => {
    const update = async (server: Server) => {
      const tab = new Tab(server);
      const csrfToken = await tab.csrfToken();
      const response = await tab.fetch("/api/auth/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ csrfToken, data: { name: "x" } }) });
      return response.json();
    };
    expect(await update(sesameV4Handler())).toEqual(await update(nextAuth4()));
    expect(await update(sesameHandlers())).toEqual(await update(authJs()));
  });
});

describe("the real next-auth 4 client (next-auth/react 4.24.13) on a signed-out page", () => {
  test("against next-auth 4 itself: unauthenticated, nothing logged (the reference)", async () => {
    const { status, tab } = await signedOutPage(4, nextAuth4());
    expect(status).toBe("unauthenticated");
    expect(clientErrors()).toEqual([]);
    expect(tab.requests).toEqual(["GET /api/auth/session"]);
  });

  test("against Sesame mounted as next-auth 4 apps mount it: the same", async () => {
    const { status, tab } = await signedOutPage(4, sesameV4Handler());
    expect(status).toBe("unauthenticated");
    expect(clientErrors()).toEqual([]);
    expect(tab.requests).toEqual(["GET /api/auth/session"]);
  });

  // guards: CLIENT_FETCH_ERROR on every signed-out page, then a POST /_log that 404'd.
  test("answered like Auth.js (wire: v5) it logs CLIENT_FETCH_ERROR and reports it to /_log, which answers 200", async () => {
    const { status, tab } = await signedOutPage(4, sesameV4Handler(sesameConfig({ wire: "v5" })));
    expect(status).toBe("unauthenticated");
    expect(clientErrors().length).toBeGreaterThan(0);
    expect(tab.requests).toContain("POST /api/auth/_log");
    // What the client beacons, posted again: accepted without a CSRF token, and nothing set.
    const response = await tab.fetch("/api/auth/_log", {
      method: "POST",
      body: new URLSearchParams({ level: "error", code: "CLIENT_FETCH_ERROR", message: "Unexpected end of JSON input", client: "true" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe("the real next-auth 5 client (next-auth/react 5.0.0-beta.32) on a signed-out page", () => {
  test("against Auth.js and against Sesame's handlers: unauthenticated, nothing logged", async () => {
    for (const server of [authJs(), sesameHandlers()]) {
      const { status } = await signedOutPage(5, server);
      expect(status).toBe("unauthenticated");
      expect(clientErrors()).toEqual([]);
      cleanup();
    }
  });

  // Why one answer cannot serve both: the v5 client takes next-auth 4's {} for a session.
  test("answered like next-auth 4 (wire: v4) it would count the visitor as signed in", async () => {
    const { status } = await signedOutPage(5, sesameHandlers(sesameConfig({ wire: "v4" })));
    expect(status).toBe("authenticated");
  });
});

describe("POST /_log, which anyone can post to", () => {
  test("a hostile report: 200 {}, no CSRF token needed, one debug line, printable and capped, nothing else", async () => {
    const debug = vi.fn();
    const config = sesameConfig({ logger: { debug, error: vi.fn(), warn: vi.fn() } });
    const tab = new Tab(sesameV4Handler(config));
    const response = await tab.fetch("/api/auth/_log", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ level: "error\n[sesame] forged line", code: `X${"\r\n\u001b[31m".repeat(1_000)}`, message: "m".repeat(20_000) }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(debug).toHaveBeenCalledTimes(1);
    const line = String(debug.mock.calls[0]![0]);
    expect(line).toMatch(/^[\x20-\x7e]+$/);
    expect(line.length).toBeLessThan(200);
    expect(line).not.toContain("mmmm");
  });

  test("without `debug` nothing is written, and the body cap still applies", async () => {
    const tab = new Tab(sesameHandlers());
    const log = vi.spyOn(console, "debug");
    const small = await tab.fetch("/api/auth/_log", { method: "POST", body: new URLSearchParams({ level: "error", code: "CLIENT_FETCH_ERROR" }) });
    expect(small.status).toBe(200);
    expect(log).not.toHaveBeenCalled();
    const huge = await tab.fetch("/api/auth/_log", { method: "POST", body: new URLSearchParams({ code: "x".repeat(100_000) }) });
    expect(huge.status).toBe(400);
  });
});

describe("signIn(\"credentials\", { redirect: false }) with a wrong password", () => {
  /** What the real client's `signIn` returns on a page served by `server`. */
  async function wrongPassword(generation: 4 | 5, server: Server): Promise<unknown> {
    const tab = new Tab(server);
    vi.stubGlobal("fetch", tab.fetch);
    const client = await nextAuthClient(generation);
    return client.signIn("credentials", { redirect: false, username: "alice", password: "not-the-password" });
  }

  test("next-auth 5's client: what it returns against Auth.js, against Sesame's handlers", async () => {
    const reference = await wrongPassword(5, authJs());
    expect(reference).toMatchObject({ error: "CredentialsSignin", url: null });
    expect(await wrongPassword(5, sesameHandlers())).toEqual(reference);
    // The client says which it is (X-Auth-Return-Redirect), so the mount does not matter.
    expect(await wrongPassword(5, sesameV4Handler())).toEqual(reference);
  });

  test("next-auth 4's client: what it returns against next-auth 4, against Sesame mounted either way", async () => {
    const reference = await wrongPassword(4, nextAuth4());
    expect(reference).toMatchObject({ error: "CredentialsSignin", ok: false, url: null });
    expect(await wrongPassword(4, sesameV4Handler())).toEqual(reference);
    expect(await wrongPassword(4, sesameHandlers())).toEqual(reference);
  });

  test("the right password signs in with either client, as against the references", async () => {
    for (const [generation, server] of [[5, sesameHandlers()], [4, sesameV4Handler()]] as const) {
      const tab = new Tab(server);
      vi.stubGlobal("fetch", tab.fetch);
      const client = await nextAuthClient(generation);
      expect(await client.signIn("credentials", { redirect: false, username: "alice", password: "wonderland" })).toMatchObject({ error: generation === 5 ? undefined : null, ok: true });
      expect(await (await tab.fetch("/api/auth/session")).json()).toMatchObject({ user: { name: "Alice" } });
    }
  });
});
