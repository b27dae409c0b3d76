/**
 * The wire beside the real servers (issue 30): `/providers` types, the way a refused credentials form goes
 * back to the sign-in page, and the session's shape, each computed by next-auth 4.24 and Auth.js
 * (@auth/core 0.41) for the same app and compared with Sesame's, mounted as each generation's apps mount it.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import AuthJsApple from "../../../../bench/node_modules/@auth/core/providers/apple.js";
import AuthJsAuth0 from "../../../../bench/node_modules/@auth/core/providers/auth0.js";
import AuthJsCredentials from "../../../../bench/node_modules/@auth/core/providers/credentials.js";
import AuthJsDiscord from "../../../../bench/node_modules/@auth/core/providers/discord.js";
import AuthJsGitHub from "../../../../bench/node_modules/@auth/core/providers/github.js";
import AuthJsGitLab from "../../../../bench/node_modules/@auth/core/providers/gitlab.js";
import AuthJsGoogle from "../../../../bench/node_modules/@auth/core/providers/google.js";
import AuthJsKeycloak from "../../../../bench/node_modules/@auth/core/providers/keycloak.js";
import AuthJsEntra from "../../../../bench/node_modules/@auth/core/providers/microsoft-entra-id.js";
import AuthJsOkta from "../../../../bench/node_modules/@auth/core/providers/okta.js";
import type { Provider, SesameConfig } from "../../src/index.js";
import { NextAuth } from "../../src/next/index.js";
import Apple from "../../src/providers/apple.js";
import Auth0 from "../../src/providers/auth0.js";
import Credentials from "../../src/providers/credentials.js";
import Discord from "../../src/providers/discord.js";
import GitHub from "../../src/providers/github.js";
import GitLab from "../../src/providers/gitlab.js";
import Google from "../../src/providers/google.js";
import Keycloak from "../../src/providers/keycloak.js";
import MicrosoftEntraID from "../../src/providers/microsoft-entra-id.js";
import Okta from "../../src/providers/okta.js";
import { ORIGIN, SECRET } from "../support/helpers.js";
import { authJsServer, nextAuth4Module, nextAuth4Server, Tab, type Server } from "./references.js";

beforeEach(() => {
  // The next-auth 4 server builds its URLs from it.
  vi.stubEnv("NEXTAUTH_URL", ORIGIN);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

type ProviderFactory = (options: Record<string, unknown>) => Record<string, unknown>;
const v4Provider = (file: string): ProviderFactory => nextAuth4Module<{ default: ProviderFactory }>(`providers/${file}.js`).default;

const alice = { id: "u1", name: "Alice", email: "alice@example.com", image: "https://example.com/a.png" };
const authorize = async (credentials: Partial<Record<string, unknown>> | undefined) =>
  credentials?.username === "alice" && credentials.password === "wonderland" ? alice : null;
const credentialFields = { username: { label: "Username" }, password: { label: "Password", type: "password" } };
const oauth = { clientId: "id", clientSecret: "secret" };
const issuer = "https://id.example.com";

/** The same app in the three servers: options Sesame and the references share, and their providers. */
function apps(shared: { pages?: { signIn: string } } = {}, sesame: Partial<SesameConfig> = {}) {
  const config: SesameConfig = {
    secret: SECRET,
    trustHost: true,
    rateLimit: false,
    providers: [Credentials({ credentials: credentialFields, authorize })],
    ...shared,
    ...sesame,
  };
  return {
    nextAuth4: nextAuth4Server({ secret: SECRET, providers: [v4Provider("credentials")({ credentials: credentialFields, authorize })], ...shared }),
    authJs: authJsServer({ secret: SECRET, providers: [AuthJsCredentials({ credentials: credentialFields, authorize })], ...shared }),
    /** Mounted as next-auth 4 apps do: `NextAuth(authOptions)` is the handler. */
    sesameV4: NextAuth(config) as Server,
    /** Mounted as Auth.js v5 apps do: `handlers`. */
    sesameV5: NextAuth(config).handlers.GET,
  };
}

describe("GET /providers: each provider's type as each generation lists it", () => {
  const listed = async (server: Server) => {
    const providers = (await (await server(new Request(`${ORIGIN}/api/auth/providers`))).json()) as Record<string, { type: string }>;
    return Object.fromEntries(Object.entries(providers).map(([id, { type }]) => [id, type]));
  };
  // Every Sesame preset that both next-auth 4 and Auth.js have (next-auth 4 calls Entra ID `azure-ad`).
  const sesamePresets: Provider[] = [
    Apple(oauth),
    Auth0({ ...oauth, issuer }),
    Discord(oauth),
    GitHub(oauth),
    GitLab(oauth),
    Google(oauth),
    Keycloak({ ...oauth, issuer }),
    MicrosoftEntraID({ ...oauth, issuer }),
    Okta({ ...oauth, issuer }),
    Credentials({ credentials: credentialFields, authorize }),
  ];
  const sesame = { secret: SECRET, trustHost: true, providers: sesamePresets };

  test("Auth.js v5 (its `oidc` for Google, `oauth` for GitLab, …) = Sesame's handlers", async () => {
    const authJs = authJsServer({
      secret: SECRET,
      providers: [
        AuthJsApple(oauth),
        AuthJsAuth0({ ...oauth, issuer }),
        AuthJsDiscord(oauth),
        AuthJsGitHub(oauth),
        AuthJsGitLab(oauth),
        AuthJsGoogle(oauth),
        AuthJsKeycloak({ ...oauth, issuer }),
        AuthJsEntra(oauth),
        AuthJsOkta({ ...oauth, issuer }),
        AuthJsCredentials({ credentials: credentialFields, authorize }),
      ],
    });
    const reference = await listed(authJs);
    expect(reference).toMatchObject({ google: "oidc", gitlab: "oauth", github: "oauth", credentials: "credentials" });
    expect(await listed(NextAuth(sesame).handlers.GET)).toEqual(reference);
  });

  test("next-auth 4 (every OAuth provider `oauth`: it has no `oidc`) = Sesame mounted as next-auth 4 apps mount it", async () => {
    const names = ["apple", "auth0", "discord", "github", "gitlab", "google", "keycloak", "azure-ad", "okta"];
    const nextAuth4 = nextAuth4Server({
      secret: SECRET,
      providers: [...names.map((name) => v4Provider(name)({ ...oauth, issuer })), v4Provider("credentials")({ credentials: credentialFields, authorize })],
    });
    const { "azure-ad": entra, ...reference } = await listed(nextAuth4);
    expect(reference).toMatchObject({ google: "oauth", credentials: "credentials" });
    expect(await listed(NextAuth(sesame) as Server)).toEqual({ ...reference, "microsoft-entra-id": entra });
  });
});

describe("a refused credentials form goes back to the sign-in page the way next-auth sends it", () => {
  const refused = (tab: Tab, fields: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    tab.postCredentials({ username: "alice", password: "not-the-password", ...fields }, headers);

  test.each([
    ["the built-in sign-in page", {}],
    ["the app's own (pages.signIn)", { pages: { signIn: "/login" } }],
  ])("a form post, with %s: next-auth 4's sequence (through /error), Auth.js's (straight there)", async (_name, shared) => {
    const servers = apps(shared);
    const journey = async (server: Server) => {
      const tab = new Tab(server);
      return tab.redirects(await refused(tab));
    };
    const v4 = await journey(servers.nextAuth4);
    expect(v4[0]).toBe("/api/auth/error?error=CredentialsSignin&provider=credentials");
    expect(v4.at(-1)).toContain("error=CredentialsSignin");
    expect(await journey(servers.sesameV4)).toEqual(v4);

    const v5 = await journey(servers.authJs);
    expect(v5.at(-1)).toContain("error=CredentialsSignin");
    expect(await journey(servers.sesameV5)).toEqual(v5);
  });

  test("the page the user wanted survives the refusal: the sign-in page it ends on has the same callbackUrl", async () => {
    // Regression: Sesame's next-auth 4 sequence went through /error without the destination, and the sign-in
    // page it ended on sent a second, successful attempt to "/" instead of where the user was going.
    const servers = apps({ pages: { signIn: "/login" } });
    const journey = async (server: Server) => {
      const tab = new Tab(server);
      return tab.redirects(await refused(tab, { callbackUrl: `${ORIGIN}/dashboard` }), ["error", "callbackUrl"]);
    };
    const v4 = await journey(servers.nextAuth4);
    expect(v4.at(-1)).toBe(`/login?${new URLSearchParams({ error: "CredentialsSignin", callbackUrl: `${ORIGIN}/dashboard` })}`);
    expect(await journey(servers.sesameV4)).toEqual(v4);
    // Auth.js v5 drops it (its sign-in page then defaults to the page the form was on); Sesame keeps it.
    expect(await journey(servers.authJs)).toEqual(["/login?error=CredentialsSignin"]);
    expect(await journey(servers.sesameV5)).toEqual(v4.slice(-1));
  });

  test("json=true (next-auth 4's client) and X-Auth-Return-Redirect (Auth.js's): the status and the URL's route and query", async () => {
    const servers = apps();
    const answer = async (server: Server, fields: Record<string, string>, headers: Record<string, string>) => {
      const response = await refused(new Tab(server), fields, headers);
      const url = new URL(((await response.json()) as { url: string }).url);
      const kept = ["error", "code", "provider"].filter((name) => url.searchParams.has(name)).map((name) => `${name}=${url.searchParams.get(name)}`);
      return { status: response.status, url: `${url.pathname}?${kept.join("&")}` };
    };
    const v4Client = [{ json: "true" }, {}] as const;
    const v5Client = [{}, { "x-auth-return-redirect": "1" }] as const;
    expect(await answer(servers.sesameV4, ...v4Client)).toEqual(await answer(servers.nextAuth4, ...v4Client));
    expect(await answer(servers.sesameV5, ...v5Client)).toEqual(await answer(servers.authJs, ...v5Client));
  });
});

describe("the session's shape", () => {
  const sessionOf = async (server: Server) => {
    const tab = new Tab(server);
    const signIn = await tab.postCredentials({ username: "alice", password: "wonderland" });
    expect(signIn.status).toBe(302);
    const { expires, ...rest } = (await (await tab.fetch("/api/auth/session")).json()) as Record<string, unknown>;
    expect(Date.parse(String(expires))).toBeGreaterThan(Date.now());
    return rest;
  };

  // guards: Sesame added `session.user.id`, which neither next-auth generation does.
  test("by default NextAuth's: user { name, email, image }, no id, as next-auth 4 and Auth.js", async () => {
    const servers = apps();
    const reference = await sessionOf(servers.nextAuth4);
    expect(reference).toEqual({ user: { name: "Alice", email: "alice@example.com", image: "https://example.com/a.png" } });
    expect(await sessionOf(servers.authJs)).toEqual(reference);
    expect(await sessionOf(servers.sesameV4)).toEqual(reference);
    expect(await sessionOf(servers.sesameV5)).toEqual(reference);
  });

  test("session.exposeUserId adds the id; or the `session` callback does it as in next-auth", async () => {
    const withOption = apps({}, { session: { exposeUserId: true } });
    expect(await sessionOf(withOption.sesameV5)).toEqual({ user: { id: "u1", name: "Alice", email: "alice@example.com", image: "https://example.com/a.png" } });
    const withCallback = apps({}, { callbacks: { session: ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub } }) } });
    expect(await sessionOf(withCallback.sesameV5)).toMatchObject({ user: { id: "u1", name: "Alice" } });
  });
});

describe("a session callback that throws ends the session, as next-auth's do (seed 004 throws on a stale token version)", () => {
  test("GET /session answers nobody and clears the session cookie: next-auth 4, Auth.js, and Sesame mounted either way", async () => {
    let stale = false;
    const session = <S>({ session }: { session: S }): S => {
      if (stale) throw new Error("Token expired");
      return session;
    };
    const logged: Error[] = [];
    const sesameConfig: SesameConfig = {
      secret: SECRET,
      trustHost: true,
      rateLimit: false,
      providers: [Credentials({ credentials: credentialFields, authorize })],
      callbacks: { session },
      logger: { error: (error) => void logged.push(error), warn: () => {}, debug: () => {} },
    };
    const sesame = NextAuth(sesameConfig);
    // [name, the server that signs in (POST), the one that reads (GET), the signed-out answer]
    const servers: Array<[string, Server, Server, unknown]> = [
      ["next-auth 4", nextAuth4Server({ secret: SECRET, providers: [v4Provider("credentials")({ credentials: credentialFields, authorize })], callbacks: { session }, logger: { error: () => {} } }), {}],
      ["Auth.js", authJsServer({ secret: SECRET, providers: [AuthJsCredentials({ credentials: credentialFields, authorize })], callbacks: { session }, logger: { error: () => {} } }), null],
      ["Sesame as next-auth 4", NextAuth(sesameConfig) as Server, {}],
    ].map(([name, server, nobody]) => [name as string, server as Server, server as Server, nobody]);
    servers.push(["Sesame as Auth.js", sesame.handlers.POST, sesame.handlers.GET, null]);
    for (const [name, post, get, nobody] of servers) {
      stale = false;
      const tab = new Tab(post);
      await tab.postCredentials({ username: "alice", password: "wonderland" });
      const read = new Tab(get);
      for (const [cookie, value] of tab.jar) read.jar.set(cookie, value);
      const cookieName = [...read.jar.keys()].find((cookie) => cookie.includes("session-token"));
      expect(cookieName, name).toBeDefined();
      expect(await (await read.fetch("/api/auth/session")).json(), name).toMatchObject({ user: { name: "Alice" } });
      stale = true;
      expect(await (await read.fetch("/api/auth/session")).json(), name).toEqual(nobody);
      expect(read.jar.has(cookieName!), name).toBe(false);
    }
    expect(logged.map((error) => error.name)).toEqual(["SessionTokenError", "SessionTokenError"]);
  });
});
