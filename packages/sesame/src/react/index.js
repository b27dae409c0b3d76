/**
 * `sesame-auth/react`: `SessionProvider` and `useSession` with NextAuth's behaviour — statuses, `required`,
 * refetching on an interval and on focus, one `/session` request at a time, and tabs kept in step
 * (BroadcastChannel, else the storage event): signing out in one tab signs out the others.
 */
"use client";
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { cachedSession, getSession, listenToOtherTabs, settings, subscribe, updateSession } from "./client.js";
export { getCsrfToken, getProviders, getSession, signIn, signOut } from "./client.js";
const SessionContext = createContext(undefined);
/** Refresh errors mean the session cannot do its job any more: `required` treats them as signed out. */
const ENDED = new Set(["RefreshTokenError", "RefreshTokenExpired"]);
/**
 * Makes the session available to `useSession` below it: fetched once per tab, refetched on focus (and on
 * `refetchInterval`), kept in step across tabs. Render it in a Client Component around the app.
 *
 * @example
 * ```tsx
 * // app/providers.tsx
 * "use client";
 * import { SessionProvider } from "sesame-auth/react";
 * export const Providers = ({ children }: { children: React.ReactNode }) => <SessionProvider>{children}</SessionProvider>;
 * ```
 */
export function SessionProvider({ children, session: initial, basePath, refetchInterval = 0, refetchOnWindowFocus = true, refetchWhenOffline = false, }) {
    if (basePath)
        settings.basePath = basePath;
    const [session, setSession] = useState(initial !== undefined ? initial : cachedSession()?.session);
    const [loading, setLoading] = useState(session === undefined);
    useEffect(() => subscribe(setSession), []);
    // A new session from the server (a layout re-rendered after a sign-in Server Action, with no page load)
    // replaces the one this provider started with — during this render, not in an effect: the children's
    // effects run first, and `useSession({ required: true })` would send the user to sign-in meanwhile.
    const [initialSeen, setInitialSeen] = useState(initial);
    if (initial !== initialSeen) {
        setInitialSeen(initial);
        if (initial !== undefined)
            setSession(initial);
    }
    useEffect(() => {
        let active = true;
        if (initial === undefined) {
            getSession()
                .catch(() => null)
                .finally(() => active && setLoading(false));
        }
        return () => {
            active = false;
        };
    }, [initial]);
    useEffect(() => listenToOtherTabs(() => void getSession().catch(() => null)), []);
    useEffect(() => {
        if (!refetchOnWindowFocus)
            return undefined;
        const onVisible = () => {
            if (document.visibilityState === "visible")
                void getSession().catch(() => null);
        };
        document.addEventListener("visibilitychange", onVisible);
        return () => document.removeEventListener("visibilitychange", onVisible);
    }, [refetchOnWindowFocus]);
    useEffect(() => {
        if (!refetchInterval)
            return undefined;
        const timer = setInterval(() => {
            if (refetchWhenOffline || typeof navigator === "undefined" || navigator.onLine !== false)
                void getSession().catch(() => null);
        }, refetchInterval * 1000);
        return () => clearInterval(timer);
    }, [refetchInterval, refetchWhenOffline]);
    const update = useCallback(async (data) => {
        setLoading(true);
        try {
            return data === undefined ? await getSession() : await updateSession(data);
        }
        finally {
            setLoading(false);
        }
    }, []);
    const value = useMemo(() => ({
        data: session ?? null,
        status: loading && session === undefined ? "loading" : session ? "authenticated" : "unauthenticated",
        update,
    }), [session, loading, update]);
    return createElement(SessionContext.Provider, { value }, children);
}
/**
 * The session in a Client Component, under `SessionProvider`. With `required: true`, a signed-out visitor
 * is sent to sign-in and the status stays `"loading"` meanwhile.
 *
 * @example
 * ```tsx
 * "use client";
 * import { useSession } from "sesame-auth/react";
 * const { data: session, status } = useSession();
 * if (status === "authenticated") return <p>Signed in as {session?.user?.name}</p>;
 * ```
 */
export function useSession(options = {}) {
    const value = useContext(SessionContext);
    if (!value)
        throw new Error("useSession must be used inside <SessionProvider>.");
    const { required, onUnauthenticated } = options;
    const ended = value.status === "unauthenticated" || (value.data?.error !== undefined && ENDED.has(value.data.error));
    useEffect(() => {
        if (!required || value.status === "loading" || !ended)
            return;
        if (onUnauthenticated)
            onUnauthenticated();
        else
            window.location.href = `${settings.basePath}/signin?${new URLSearchParams({ error: "SessionRequired", callbackUrl: window.location.href })}`;
    }, [required, onUnauthenticated, ended, value.status]);
    // A required session is "loading" until there is one, so the page never flashes signed-out content.
    return required && ended && value.status !== "loading" ? { ...value, status: "loading" } : value;
}
