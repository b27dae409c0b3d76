/**
 * `sesame-auth/react`: `SessionProvider` and `useSession` with NextAuth's behaviour — statuses, `required`,
 * refetching on an interval and on focus, one `/session` request at a time, and tabs kept in step
 * (BroadcastChannel, else the storage event): signing out in one tab signs out the others.
 */
"use client";
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Session } from "../core/types.js";
import { cachedSession, getSession, listenToOtherTabs, settings, subscribe, updateSession } from "./client.js";

export { changeEmail, changePassword, confirmEmail, requestEmailVerification, requestPasswordReset, resetPassword, signUp, type AccountResult } from "./accounts.js";
export {
  confirmTotp,
  disableTwoFactor,
  enrolTotp,
  forgetDevice,
  getSecurity,
  regenerateBackupCodes,
  submitSecondFactor,
  type BackupCodesResult,
  type SecurityState,
  type TotpEnrolmentResult,
} from "./two-factor.js";
export { signIn } from "./sign-in.js";
export { deletePasskey, listPasskeys, passkeyAutofillAvailable, registerPasskey, renamePasskey, signInWithPasskey, submitSecondFactorWithPasskey, type PasskeyResult } from "./passkeys.js";
export type { PasskeyInfo } from "../core/types.js";
export { getCsrfToken, getProviders, getSession, signOut, type ClientSafeProvider, type CtxOrReq, type ServerRequestLike, type SignInOptions, type SignInResponse, type SignOutOptions } from "./client.js";

/** Where `useSession` stands: `"loading"` until the first session is known. */
export type SessionStatus = "loading" | "authenticated" | "unauthenticated";

/** What `useSession` returns: the session (`data`), its `status`, and `update`. */
export interface SessionContextValue {
  data: Session | null;
  status: SessionStatus;
  /** Updates the session through the `jwt` callback (`trigger: "update"`), or refetches it without data. */
  update(data?: Record<string, unknown>): Promise<Session | null>;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

/**
 * Props of `SessionProvider`. All optional: pass the server's `session` to skip the first fetch.
 *
 * @example
 * ```tsx
 * <SessionProvider session={await auth()} basePath="/api/auth" refetchInterval={300}>{children}</SessionProvider>
 * ```
 */
export interface SessionProviderProps {
  children?: ReactNode;
  /** The session from the server render, so the first paint needs no request. */
  session?: Session | null;
  /** Where the auth API lives. Default: `/api/auth`. */
  basePath?: string;
  /**
   * The app's origin (NextAuth's prop). In the browser the API is called on the page's own origin, as
   * NextAuth does; this is where `getSession` & co. go on the server when no `NEXTAUTH_URL` is set.
   */
  baseUrl?: string;
  /** Seconds between refetches (0: never). Keeps the session (and its expiry) current while a page stays open. */
  refetchInterval?: number;
  /** Refetch when the tab becomes visible again. Default: true. */
  refetchOnWindowFocus?: boolean;
  /** Refetch on the interval even while offline. Default: false. */
  refetchWhenOffline?: boolean;
}

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
export function SessionProvider({
  children,
  session: initial,
  basePath,
  baseUrl,
  refetchInterval = 0,
  refetchOnWindowFocus = true,
  refetchWhenOffline = false,
}: SessionProviderProps) {
  if (basePath) settings.basePath = basePath;
  if (baseUrl) settings.baseUrl = baseUrl;
  const [session, setSession] = useState<Session | null | undefined>(initial !== undefined ? initial : cachedSession()?.session);
  const [loading, setLoading] = useState(session === undefined);

  useEffect(() => subscribe(setSession), []);

  // A new session from the server (a layout re-rendered after a sign-in Server Action, with no page load)
  // replaces the one this provider started with — during this render, not in an effect: the children's
  // effects run first, and `useSession({ required: true })` would send the user to sign-in meanwhile.
  const [initialSeen, setInitialSeen] = useState(initial);
  if (initial !== initialSeen) {
    setInitialSeen(initial);
    if (initial !== undefined) setSession(initial);
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
    if (!refetchOnWindowFocus) return undefined;
    const onVisible = () => {
      if (document.visibilityState === "visible") void getSession().catch(() => null);
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [refetchOnWindowFocus]);

  useEffect(() => {
    if (!refetchInterval) return undefined;
    const timer = setInterval(() => {
      if (refetchWhenOffline || typeof navigator === "undefined" || navigator.onLine !== false) void getSession().catch(() => null);
    }, refetchInterval * 1000);
    return () => clearInterval(timer);
  }, [refetchInterval, refetchWhenOffline]);

  const update = useCallback(async (data?: Record<string, unknown>) => {
    setLoading(true);
    try {
      return data === undefined ? await getSession() : await updateSession(data);
    } finally {
      setLoading(false);
    }
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      data: session ?? null,
      status: loading && session === undefined ? "loading" : session ? "authenticated" : "unauthenticated",
      update,
    }),
    [session, loading, update],
  );
  return createElement(SessionContext.Provider, { value }, children);
}

/**
 * Options of `useSession`.
 *
 * @example
 * ```ts
 * useSession({ required: true, onUnauthenticated: () => router.push("/login") });
 * ```
 */
export interface UseSessionOptions {
  /** The page needs a session: without one (or with a refresh error), go to sign-in or call `onUnauthenticated`. */
  required?: boolean;
  onUnauthenticated?(): void;
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
export function useSession(options: UseSessionOptions = {}): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside <SessionProvider>.");
  const { required, onUnauthenticated } = options;
  const ended = value.status === "unauthenticated" || (value.data?.error !== undefined && ENDED.has(value.data.error));
  useEffect(() => {
    if (!required || value.status === "loading" || !ended) return;
    if (onUnauthenticated) onUnauthenticated();
    else window.location.href = `${settings.basePath}/signin?${new URLSearchParams({ error: "SessionRequired", callbackUrl: window.location.href })}`;
  }, [required, onUnauthenticated, ended, value.status]);
  // A required session is "loading" until there is one, so the page never flashes signed-out content.
  return required && ended && value.status !== "loading" ? { ...value, status: "loading" } : value;
}
