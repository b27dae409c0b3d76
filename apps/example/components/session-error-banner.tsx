"use client";
// Shown on every page when Sesame could not refresh the backend's tokens: the session is kept with
// `session.error`, and the user is asked to sign in again rather than meeting mysterious 401s.
import { signIn, useSession } from "sesame-auth/react";

export default function SessionErrorBanner() {
  const { data } = useSession();
  if (!data?.error) return null;
  return (
    <div role="alert" className="banner" id="session-error">
      <strong>Your session needs attention ({data.error}).</strong> The sample backend could not refresh your access token.{" "}
      <button type="button" onClick={() => void signIn(undefined, { callbackUrl: window.location.href })}>
        Sign in again
      </button>
    </div>
  );
}
