"use client";
// Changing the password (`changePassword`): the current one proves it is the owner; the other sessions end.
import { useState, type FormEvent } from "react";
import { changePassword } from "sesame-auth/react";
import { describeError } from "../../lib/messages";

export default function ChangePassword() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    setBusy(true);
    const result = await changePassword({ currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? "") });
    setBusy(false);
    if (result.ok) {
      target.reset();
      setMessage({ ok: true, text: "Password changed. Your other sessions were signed out." });
    } else if (result.error === "CredentialsSignin") {
      setMessage({ ok: false, text: "Your current password is not right. (CredentialsSignin)" });
    } else if (result.error === "InvalidRequest") {
      setMessage({ ok: false, text: "Your account has no password yet: set one with “Forgot your password?” on the sign-in page. (InvalidRequest)" });
    } else {
      setMessage({ ok: false, text: describeError(result) });
    }
  }

  return (
    <section className="panel" id="password">
      <h2>Password</h2>
      <form onSubmit={(event) => void submit(event)} className="row">
        <label>
          Current password <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label>
          New password <input id="new-password" name="newPassword" type="password" autoComplete="new-password" required />
        </label>
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </form>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "notice" : "error"} id="password-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
