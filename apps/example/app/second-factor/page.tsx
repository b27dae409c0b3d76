"use client";
// `pages.secondFactor`: where a sign-in waits for its second factor (a code from the authenticator app, or a
// backup code). No session exists yet, only the pending sign-in's cookie; `submitSecondFactor` completes it.
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { submitSecondFactor } from "sesame-auth/react";
import { describeError } from "../../lib/messages";

export default function SecondFactor() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await submitSecondFactor({ code: String(form.get("code") ?? ""), remember: form.get("remember") === "on" });
    // A full page load, so that the layout renders with the new session.
    if (result.ok) return window.location.assign(result.url ?? "/dashboard");
    setBusy(false);
    setError(describeError(result));
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
          <input type="checkbox" name="remember" /> Remember this browser for 30 days
        </label>
        <button type="submit" disabled={busy}>
          Verify
        </button>
        <p className="muted">
          Too many wrong codes, or more than five minutes, and you <Link href="/login">sign in again</Link>.
        </p>
      </form>
    </>
  );
}
