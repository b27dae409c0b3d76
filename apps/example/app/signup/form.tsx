"use client";
// Sign-up with `signUp` from `sesame-auth/react`: nothing is created until the emailed link is followed, so
// success means "check your email" — and it looks the same whether or not the address already had an account.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signUp } from "sesame-auth/react";
import { describeError } from "../../lib/messages";

export default function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signUp("password", { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), callbackUrl });
    setBusy(false);
    if (result.ok) router.push(result.url ?? "/check-email?type=signup");
    else setError(describeError(result));
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="card stack" id="signup">
      {error && (
        <p role="alert" className="error" id="error">
          {error}
        </p>
      )}
      <label>
        Name <input name="name" autoComplete="name" />
      </label>
      <label>
        Email <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        Password (10 characters or more) <input name="password" type="password" autoComplete="new-password" required />
      </label>
      <button type="submit" disabled={busy}>
        Create account
      </button>
      <p className="muted">
        We email you a link to confirm the address; the account exists once you follow it. Already have one? <Link href="/login">Sign in</Link>
      </p>
    </form>
  );
}
