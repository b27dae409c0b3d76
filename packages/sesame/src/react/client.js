/** Where the auth API lives; `SessionProvider basePath` changes it. @internal */
export const settings = { basePath: "/api/auth" };
const CHANNEL = "sesame.session";
let current;
let inflight;
const listeners = new Set();
let channel;
function publish(session) {
    current = { session };
    for (const listener of listeners)
        listener(session);
}
/** The last session fetched in this tab, if any yet. @internal (for `SessionProvider`) */
export function cachedSession() {
    return current;
}
/** Calls `listener` with every session fetched in this tab; returns the unsubscribe function. @internal (for `SessionProvider`) */
export function subscribe(listener) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
}
async function json(path, init) {
    const response = await fetch(`${settings.basePath}${path}`, { credentials: "same-origin", ...init });
    if (!response.ok && response.status !== 401)
        throw new Error(`${path} answered ${response.status}`);
    return (await response.json());
}
/**
 * The session, fetched once for every concurrent caller in this tab (`GET /api/auth/session`); `null` when
 * signed out. Outside React, or in an event handler; components use `useSession`.
 *
 * @example
 * ```ts
 * import { getSession } from "sesame-auth/react";
 * const session = await getSession();
 * if (session) console.log(`Signed in as ${session.user?.email}`);
 * ```
 */
export function getSession() {
    inflight ??= json("/session")
        .then((data) => {
        // NextAuth v4 servers answer {} for "no session".
        const session = data && Object.keys(data).length ? data : null;
        publish(session);
        return session;
    })
        .finally(() => {
        inflight = undefined;
    });
    return inflight;
}
/**
 * The CSRF token the auth API's POST routes expect, for a hand-written form or `fetch`.
 *
 * @example
 * ```ts
 * import { getCsrfToken } from "sesame-auth/react";
 * const csrfToken = await getCsrfToken();
 * await fetch("/api/auth/signout", { method: "POST", body: new URLSearchParams({ csrfToken: csrfToken ?? "" }) });
 * ```
 */
export async function getCsrfToken() {
    return (await json("/csrf"))?.csrfToken;
}
/**
 * The configured providers by id, for a custom sign-in page.
 *
 * @example
 * ```tsx
 * import { getProviders, signIn } from "sesame-auth/react";
 * const providers = await getProviders();
 * return Object.values(providers ?? {}).map((p) => <button key={p.id} onClick={() => signIn(p.id)}>{p.name}</button>);
 * ```
 */
export async function getProviders() {
    return json("/providers");
}
async function post(path, fields) {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...fields, csrfToken: await getCsrfToken(), json: "true" })) {
        if (value !== undefined)
            body.set(key, value);
    }
    return fetch(`${settings.basePath}${path}`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
        body,
    });
}
function navigate(url) {
    window.location.href = url;
    // Changing only the hash does not load the page: reload so the new session shows.
    if (url.includes("#"))
        window.location.reload();
}
/**
 * Signs in with `provider` (NextAuth's signature). Without a provider, opens the sign-in page.
 *
 * @example
 * ```ts
 * const result = await signIn("credentials", { username, password, redirect: false });
 * if (result?.error) showError(result.code);
 * ```
 */
export async function signIn(provider, options = {}, authorizationParams) {
    const { callbackUrl, redirectTo, redirect = true, ...fields } = options;
    const destination = redirectTo ?? callbackUrl ?? window.location.href;
    if (!provider) {
        navigate(`${settings.basePath}/signin?${new URLSearchParams({ callbackUrl: destination })}`);
        return undefined;
    }
    const providers = await getProviders();
    const type = providers?.[provider]?.type;
    const path = type === "credentials" ? `/callback/${encodeURIComponent(provider)}` : `/signin/${encodeURIComponent(provider)}`;
    const query = authorizationParams ? `?${new URLSearchParams(authorizationParams)}` : "";
    const values = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
    const response = await post(path + query, { ...values, callbackUrl: destination });
    const data = (await response.json());
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
export async function signOut(options = {}) {
    const destination = options.redirectTo ?? options.callbackUrl ?? window.location.href;
    const response = await post("/signout", { callbackUrl: destination });
    const { url } = (await response.json());
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
export async function updateSession(data) {
    const csrfToken = await getCsrfToken();
    const response = await fetch(`${settings.basePath}/session`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ csrfToken, data }),
    });
    const session = response.ok ? (await response.json()) : null;
    publish(session);
    broadcast("update");
    return session;
}
/** Tells the other tabs that the session changed; they fetch it again. */
function broadcast(trigger) {
    const message = { event: "session", trigger, at: Date.now() };
    if (typeof BroadcastChannel !== "undefined") {
        channel ??= new BroadcastChannel(CHANNEL);
        channel.postMessage(message);
    }
    else if (typeof localStorage !== "undefined") {
        // Older browsers: the storage event reaches the other tabs.
        localStorage.setItem(CHANNEL, JSON.stringify(message));
    }
}
/** Starts listening to the other tabs; returns the function that stops it. @internal (for `SessionProvider`) */
export function listenToOtherTabs(onChange) {
    if (typeof BroadcastChannel !== "undefined") {
        // The sending channel itself: a BroadcastChannel does not hear its own messages, so this tab does
        // not react to the change it just made (which would race its own navigation).
        const receiver = (channel ??= new BroadcastChannel(CHANNEL));
        const onMessage = (event) => {
            if (event.data?.event === "session")
                onChange();
        };
        receiver.addEventListener("message", onMessage);
        return () => receiver.removeEventListener("message", onMessage);
    }
    const onStorage = (event) => {
        if (event.key === CHANNEL)
            onChange();
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
}
