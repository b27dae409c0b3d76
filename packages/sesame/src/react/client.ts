/**
 * The browser side of Sesame, without React: the calls NextAuth's client makes (`getSession`, `signIn`,
 * `signOut`, …) against the auth API, a session store shared by every caller in the tab (never more than
 * one `/session` request in flight), and the channel that keeps tabs in step.
 */
import type { Session } from "../core/types.js";

/** A configured provider as `getProviders()` lists it: no secrets. */
export interface ClientSafeProvider {
  id: string;
  name: string;
  type: string;
  signinUrl: string;
  callbackUrl: string;
}

/** What `signIn(…, { redirect: false })` resolves to: `error` and `code` say why a sign-in failed. */
export interface SignInResponse {
  error: string | undefined;
  code: string | undefined;
  status: number;
  ok: boolean;
  url: string | null;
}

type Listener = (session: Session | null) => void;

/** Where the auth API lives; `SessionProvider basePath` / `baseUrl` change it. @internal */
export const settings: { basePath: string; baseUrl: string | undefined } = { basePath: "/api/auth", baseUrl: undefined };

/** The request whose cookies a call made on the server forwards: Next's Pages Router `req`, Node's `IncomingMessage`, or a `Request`. */
export interface ServerRequestLike {
  headers: Headers | Record<string, string | string[] | undefined>;
}

/**
 * NextAuth v4's parameter of `getSession` and `getCsrfToken` on the server (`getServerSideProps`, API routes):
 * the incoming request, as `{ req }` or the page's context `{ ctx: { req } }`, whose cookies are sent along.
 * `event`, `triggerEvent` and `broadcast` are accepted for v4 code and change nothing: Sesame's `getSession`
 * tells other tabs nothing (they hear of sign-in, sign-out and update only).
 */
export interface CtxOrReq {
  req?: ServerRequestLike;
  ctx?: { req?: ServerRequestLike };
  event?: string;
  triggerEvent?: boolean;
  broadcast?: boolean;
}

const onServer = () => typeof window === "undefined";

/**
 * The auth API's URL for `path`. In the browser, the page's own origin and `basePath`, as NextAuth does. On
 * the server there is no page to be relative to: the app's URL from `NEXTAUTH_URL_INTERNAL`, `NEXTAUTH_URL`
 * or `AUTH_URL` (their path, when not `/`, is the auth API's), else `SessionProvider`'s `baseUrl`, else
 * `VERCEL_URL`. Never from the request: a forged Host header must not choose where cookies are sent.
 * @internal (for accounts.ts)
 */
export function apiUrl(path: string): string {
  if (!onServer()) return `${settings.basePath}${path}`;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const raw = env.NEXTAUTH_URL_INTERNAL ?? env.NEXTAUTH_URL ?? env.AUTH_URL ?? settings.baseUrl ?? env.VERCEL_URL;
  if (!raw) {
    throw new Error("[sesame] getSession / getCsrfToken / getProviders on the server need the app's URL: set NEXTAUTH_URL (or AUTH_URL) to it.");
  }
  const base = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
  const basePath = base.pathname === "/" ? settings.basePath : base.pathname.replace(/\/+$/, "");
  return `${base.origin}${basePath}${path}`;
}

/** The `cookie` header of the request a server-side call was given, to send to the auth API. */
function cookieOf(params: CtxOrReq | undefined): string | undefined {
  const headers = (params?.req ?? params?.ctx?.req)?.headers;
  if (!headers) return undefined;
  const cookie = headers instanceof Headers ? headers.get("cookie") : headers.cookie;
  return (Array.isArray(cookie) ? cookie.join("; ") : cookie) || undefined;
}

const CHANNEL = "sesame.session";
type Message = { event: "session"; trigger: "signin" | "signout" | "update"; at: number };

let current: { session: Session | null } | undefined;
let inflight: Promise<Session | null> | undefined;
const listeners = new Set<Listener>();
let channel: BroadcastChannel | undefined;

function publish(session: Session | null) {
  current = { session };
  for (const listener of listeners) listener(session);
}

/** The last session fetched in this tab, if any yet. @internal (for `SessionProvider`) */
export function cachedSession(): { session: Session | null } | undefined {
  return current;
}

/** Calls `listener` with every session fetched in this tab; returns the unsubscribe function. @internal (for `SessionProvider`) */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

async function json<T>(path: string, init?: RequestInit): Promise<T | null> {
  const response = await fetch(apiUrl(path), { credentials: "same-origin", ...init });
  if (!response.ok && response.status !== 401) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T | null;
}

/**
 * The session, fetched once for every concurrent caller in this tab (`GET /api/auth/session`); `null` when
 * signed out. Outside React, or in an event handler; components use `useSession`. On the server (NextAuth
 * v4's `getSession({ req })` or `getSession(ctx)` in `getServerSideProps`), the session of the request
 * given, fetched from the app's own API with its cookies (see `CtxOrReq`); nothing is shared between calls.
 *
 * @example
 * ```ts
 * import { getSession } from "sesame-auth/react";
 * const session = await getSession();
 * if (session) console.log(`Signed in as ${session.user?.email}`);
 * // pages/index.tsx, on the server (NEXTAUTH_URL set)
 * export const getServerSideProps = async (ctx) => ({ props: { session: await getSession(ctx) } });
 * ```
 */
export function getSession(params?: CtxOrReq): Promise<Session | null> {
  // On the server the tab's store would be shared by every user of the process: never used there.
  if (onServer()) return fetchSession(params);
  inflight ??= fetchSession()
    .then((session) => {
      publish(session);
      return session;
    })
    .finally(() => {
      inflight = undefined;
    });
  return inflight;
}

async function fetchSession(params?: CtxOrReq): Promise<Session | null> {
  const data = await json<Session | Record<string, never>>("/session", requestInit(params));
  // NextAuth v4 servers answer {} for "no session".
  return data && Object.keys(data).length ? (data as Session) : null;
}

/** A server-side call's cookies: the request's. In the browser, the tab's own, sent by `credentials`. */
function requestInit(params: CtxOrReq | undefined): RequestInit | undefined {
  const cookie = onServer() ? cookieOf(params) : undefined;
  return cookie ? { headers: { cookie } } : undefined;
}

/**
 * The CSRF token the auth API's POST routes expect, for a hand-written form or `fetch`. On the server,
 * NextAuth v4's `getCsrfToken(ctx)` (see `CtxOrReq`): the token of the request's CSRF cookie.
 *
 * @example
 * ```ts
 * import { getCsrfToken } from "sesame-auth/react";
 * const csrfToken = await getCsrfToken();
 * await fetch("/api/auth/signout", { method: "POST", body: new URLSearchParams({ csrfToken: csrfToken ?? "" }) });
 * ```
 */
export async function getCsrfToken(params?: CtxOrReq): Promise<string | undefined> {
  return (await json<{ csrfToken: string }>("/csrf", requestInit(params)))?.csrfToken;
}

/**
 * The configured providers by id, for a custom sign-in page (on the server too, with `NEXTAUTH_URL` set).
 *
 * @example
 * ```tsx
 * import { getProviders, signIn } from "sesame-auth/react";
 * const providers = await getProviders();
 * return Object.values(providers ?? {}).map((p) => <button key={p.id} onClick={() => signIn(p.id)}>{p.name}</button>);
 * ```
 */
export async function getProviders(): Promise<Record<string, ClientSafeProvider> | null> {
  return json<Record<string, ClientSafeProvider>>("/providers");
}

async function post(path: string, fields: Record<string, string | undefined>): Promise<Response> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...fields, csrfToken: await getCsrfToken(), json: "true" })) {
    if (value !== undefined) body.set(key, value);
  }
  return fetch(`${settings.basePath}${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
    body,
  });
}

function navigate(url: string) {
  window.location.href = url;
  // Changing only the hash does not load the page: reload so the new session shows.
  if (url.includes("#")) window.location.reload();
}

/**
 * Options of the client `signIn`: where to land, whether to redirect, a re-authentication's `maxAge`, and
 * the form fields (credentials, `email`; `email` and `code` to sign in with an emailed one-time code).
 */
export interface SignInOptions {
  /** Where to land afterwards. Default: the current page. `redirectTo` (v5) and `callbackUrl` (v4) are the same. */
  callbackUrl?: string;
  redirectTo?: string;
  /** `false`: stay on the page and get the result (credentials and email). */
  redirect?: boolean;
  /**
   * A re-authentication (step-up): the login may be at most this many seconds old. An OpenID Connect
   * provider gets `max_age` (and `prompt=login` for 0), and its ID token's `auth_time` is checked.
   */
  maxAge?: number;
  /** The form's fields, sent as their `String()` (as next-auth does); `undefined` ones are left out. */
  [field: string]: unknown;
}

/** A form's entries as sign-in options: Auth.js v5's client takes the `FormData` itself. @internal */
export function optionsOf(options: SignInOptions | FormData): SignInOptions {
  if (!(options instanceof FormData)) return options;
  const fields: SignInOptions = {};
  for (const [name, value] of options) if (typeof value === "string") fields[name] = value;
  return fields;
}

/**
 * Signs in with `provider`, of the `type` the server lists it with (`signIn` in sign-in.ts looked it up):
 * everything but passkeys, which sign in in the browser. @internal
 */
export async function signInWith(
  provider: string | undefined,
  type: string | undefined,
  options: SignInOptions | FormData = {},
  authorizationParams?: string | string[][] | Record<string, string> | URLSearchParams,
): Promise<SignInResponse | undefined> {
  const { callbackUrl, redirectTo, redirect = true, ...fields } = optionsOf(options);
  const destination = (typeof redirectTo === "string" && redirectTo) || (typeof callbackUrl === "string" && callbackUrl) || window.location.href;
  if (!provider) {
    // A re-authentication (`maxAge`) marks the sign-in page, which carries it into its forms.
    const query = new URLSearchParams({ callbackUrl: destination });
    if (fields.maxAge !== undefined) query.set("maxAge", String(fields.maxAge));
    navigate(`${settings.basePath}/signin?${query}`);
    return undefined;
  }
  // Credentials, and a typed email code, are checked on the callback; everything else starts at /signin.
  const checkedHere = type === "credentials" || (type === "email" && fields.code !== undefined);
  const path = checkedHere ? `/callback/${encodeURIComponent(provider)}` : `/signin/${encodeURIComponent(provider)}`;
  const query = authorizationParams ? `?${new URLSearchParams(authorizationParams)}` : "";
  const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
  const response = await post(path + query, { ...values, callbackUrl: destination });
  const data = (await response.json()) as { url?: string; error?: string; code?: string };
  const url = data.url ?? null;
  const error = data.error ?? (url ? (new URL(url, window.location.href).searchParams.get("error") ?? undefined) : undefined);
  const code = data.code ?? (url ? (new URL(url, window.location.href).searchParams.get("code") ?? undefined) : undefined);
  // Redirect-based providers always leave the page: the provider is elsewhere.
  if (url && (redirect || (type !== "credentials" && type !== "email"))) {
    if (!error) {
      navigate(url);
      return undefined;
    }
  }
  if (!error) {
    broadcast("signin");
    await getSession();
  }
  return { error, code, status: response.status, ok: response.ok && !error, url: error ? null : url };
}

/** Options of the client `signOut`: where to land (default: the current page), whether to redirect. */
export interface SignOutOptions {
  callbackUrl?: string;
  redirectTo?: string;
  redirect?: boolean;
}

/**
 * Signs out (NextAuth's signature); other tabs follow within moments. Redirects to `redirectTo` (default:
 * the current page) unless `redirect: false`.
 *
 * @example
 * ```tsx
 * import { signOut } from "sesame-auth/react";
 * <button onClick={() => signOut({ redirectTo: "/" })}>Sign out</button>
 * ```
 */
export async function signOut(options: SignOutOptions = {}): Promise<{ url: string } | undefined> {
  const destination = options.redirectTo ?? options.callbackUrl ?? window.location.href;
  const response = await post("/signout", { callbackUrl: destination });
  const { url } = (await response.json()) as { url: string };
  broadcast("signout");
  if (options.redirect ?? true) {
    // This page is leaving: signalling "signed out" to it would race the navigation with
    // `useSession({ required: true })`'s own redirect to sign-in.
    navigate(url ?? destination);
    return undefined;
  }
  publish(null);
  return { url };
}

/** Updates the session through the `jwt` callback (`trigger: "update"`); every tab sees the result. @internal (`useSession().update` is the public form) */
export async function updateSession(data?: Record<string, unknown>): Promise<Session | null> {
  const csrfToken = await getCsrfToken();
  const response = await fetch(`${settings.basePath}/session`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ csrfToken, data }),
  });
  const session = response.ok ? ((await response.json()) as Session | null) : null;
  publish(session);
  broadcast("update");
  return session;
}

/** Tells the other tabs that the session changed; they fetch it again. @internal (for accounts.ts) */
export function broadcast(trigger: Message["trigger"]) {
  const message: Message = { event: "session", trigger, at: Date.now() };
  if (typeof BroadcastChannel !== "undefined") {
    channel ??= new BroadcastChannel(CHANNEL);
    channel.postMessage(message);
  } else if (typeof localStorage !== "undefined") {
    // Older browsers: the storage event reaches the other tabs.
    localStorage.setItem(CHANNEL, JSON.stringify(message));
  }
}

/** Starts listening to the other tabs; returns the function that stops it. @internal (for `SessionProvider`) */
export function listenToOtherTabs(onChange: () => void): () => void {
  if (typeof BroadcastChannel !== "undefined") {
    // The sending channel itself: a BroadcastChannel does not hear its own messages, so this tab does
    // not react to the change it just made (which would race its own navigation).
    const receiver = (channel ??= new BroadcastChannel(CHANNEL));
    const onMessage = (event: MessageEvent<Message>) => {
      if (event.data?.event === "session") onChange();
    };
    receiver.addEventListener("message", onMessage);
    return () => receiver.removeEventListener("message", onMessage);
  }
  const onStorage = (event: StorageEvent) => {
    if (event.key === CHANNEL) onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => window.removeEventListener("storage", onStorage);
}
