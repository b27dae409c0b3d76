"use client";
// `pages.secondFactor`: where a sign-in waits for its second factor (a code from the authenticator app, a
// backup code, or one of the user's passkeys). No session exists yet, only the pending sign-in's cookie;
// `submitSecondFactor` (or `submitSecondFactorWithPasskey`) completes it.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { submitSecondFactor, submitSecondFactorWithPasskey, type AccountResult } from "sesame-auth/react";
import { describeError } from "../../lib/messages";

export default function SecondFactor() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [remember, setRemember] = useState(false);

  async function complete(attempt: Promise<AccountResult>) {
    setBusy(true);
    setError(null);
    const result = await attempt;
    // A full page load, so that the layout renders with the new session.
    if (result.ok) return window.location.assign(result.url ?? "/dashboard");
    setBusy(false);
    // Dismissing the browser's passkey prompt is no error to show.
    if (result.error !== "NotAllowedError" && result.error !== "AbortError") setError(describeError(result));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    await complete(submitSecondFactor({ code: String(form.get("code") ?? ""), remember }));
  }

  return (
    <>
      <h1>Two-step verification</h1>
      <form onSubmit={(event) => void submit(event)} className="card stack" id="second-factor">
        {error && (
          <p role="alert" className="error" id="error">
            {error}
          </p>
        )}
        <label>
          Code from your authenticator app, or a backup code
          <input name="code" autoComplete="one-time-code" required autoFocus />
        </label>
        <label className="row">
          <input type="checkbox" name="remember" checked={remember} onChange={(event) => setRemember(event.target.checked)} /> Remember this browser for 30 days
        </label>
        <button type="submit" disabled={busy}>
          Verify
        </button>
        <button type="button" className="secondary" id="use-passkey" disabled={busy} onClick={() => void complete(submitSecondFactorWithPasskey({ remember }))}>
          Use a passkey instead
        </button>
        <p className="muted">
          Too many wrong codes, or more than five minutes, and you <Link href="/login">sign in again</Link>.
        </p>
      </form>
    </>
  );
}
