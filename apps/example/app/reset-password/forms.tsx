"use client";
// The two halves of a password reset, with `requestPasswordReset` and `resetPassword` from `sesame-auth/react`.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { requestPasswordReset, resetPassword } from "sesame-auth/react";
import { describeError } from "../../lib/messages";

const field = (event: FormEvent<HTMLFormElement>, name: string) => String(new FormData(event.currentTarget).get(name) ?? "");

/** Asks for a link. The answer is the same whether or not the address has an account: no one learns which do. */
export function RequestResetForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const result = await requestPasswordReset(field(event, "email"), { callbackUrl: "/dashboard" });
    setBusy(false);
    if (result.ok) router.push(result.url ?? "/check-email?type=reset");
    else setError(describeError(result));
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="card stack" id="reset-request">
      {error && (
        <p role="alert" className="error" id="error">
          {error}
        </p>
      )}
      <label>
        Email <input name="email" type="email" autoComplete="email" required />
      </label>
      <button type="submit" disabled={busy}>
        Email me a link
      </button>
    </form>
  );
}

/** Sets the new password. Success signs the account out everywhere, so the next stop is the sign-in page. */
export function NewPasswordForm({ email, token }: { email: string; token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await resetPassword({ email, token, password: field(event, "password") });
    setBusy(false);
    // A full page load: the layout's session (now ended) is read again.
    if (result.ok) window.location.assign("/login?notice=password-reset");
    else setError(describeError(result));
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="card stack" id="reset-password">
      {error && (
        <p role="alert" className="error" id="error">
          {error}
        </p>
      )}
      <p>
        For <strong>{email}</strong>
      </p>
      <label>
        New password (10 characters or more) <input name="password" type="password" autoComplete="new-password" required />
      </label>
      <button type="submit" disabled={busy}>
        Set password
      </button>
    </form>
  );
}
