/** A browser-like client for `Auth()`: keeps cookies between requests, never follows redirects. */
import { Auth, type SesameConfig, type User } from "../../src/index.js";
import Credentials from "../../src/providers/credentials.js";

export const SECRET = "test-secret-0123456789-abcdefghijklmnop";
export const ORIGIN = "http://localhost:3000";

export const alice: User = { id: "1", name: "Alice", email: "alice@example.com", image: "https://example.com/a.png" };

export const passwordProvider = Credentials({
  credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
  authorize: ({ username, password }) => (username === "alice" && password === "wonderland" ? alice : null),
});

/**
 * A test app's config. Its sessions carry `user.id` (`session.exposeUserId`), which the tests read to tell
 * users apart; the default, NextAuth's shape without it, is tested in test/compat/.
 */
export function config(overrides: Partial<SesameConfig> = {}): SesameConfig {
  return { secret: SECRET, trustHost: true, providers: [passwordProvider], ...overrides, session: { exposeUserId: true, ...overrides.session } };
}

export interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

export function parseSetCookie(header: string): SetCookie {
  const [pair = "", ...attrs] = header.split(";").map((s) => s.trim());
  const eq = pair.indexOf("=");
  const attributes: Record<string, string | true> = {};
  for (const attr of attrs) {
    const [key = "", ...rest] = attr.split("=");
    attributes[key.toLowerCase()] = rest.length ? rest.join("=") : true;
  }
  return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes };
}

export function setCookies(response: Response): SetCookie[] {
  return response.headers.getSetCookie().map(parseSetCookie);
}

export class Browser {
  readonly jar = new Map<string, string>();

  constructor(
    private readonly authConfig: SesameConfig,
    readonly origin = ORIGIN,
  ) {}

  request(path: string, init: RequestInit = {}): Request {
    const headers = new Headers(init.headers);
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    if (cookie && !headers.has("cookie")) headers.set("cookie", cookie);
    return new Request(new URL(path, this.origin), { ...init, headers });
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await Auth(this.request(path, init), this.authConfig);
    this.store(response);
    return response;
  }

  /** Follows a full URL on the app (a link from an email). */
  visit(url: URL): Promise<Response> {
    return this.fetch(url.pathname + url.search);
  }

  store(response: Response): void {
    for (const { name, value, attributes } of setCookies(response)) {
      if (attributes["max-age"] === "0") this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  async csrf(): Promise<string> {
    const response = await this.fetch("/api/auth/csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  async postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields),
    });
  }

  async postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  }

  async signIn(fields: Record<string, string> = { username: "alice", password: "wonderland" }): Promise<Response> {
    return this.postForm("/api/auth/callback/credentials", { csrfToken: await this.csrf(), ...fields });
  }

  async session(): Promise<unknown> {
    return (await this.fetch("/api/auth/session")).json();
  }
}

/** The session cookie's value in the jar (joined if chunked). */
export function sessionCookie(browser: Browser, name = "sesame.session-token"): string | undefined {
  if (browser.jar.has(name)) return browser.jar.get(name);
  const chunks = [...browser.jar].filter(([k]) => k.startsWith(`${name}.`)).sort(([a], [b]) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
  return chunks.length ? chunks.map(([, v]) => v).join("") : undefined;
}
