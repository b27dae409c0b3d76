"use client";
/**
 * "Confirm it's you": what the security page shows when the library answers `ReauthenticationRequired`
 * (401) because the sign-in is not recent. Two kinds of proof, as the routes take them:
 * - `factor` (enrolling, renewing backup codes, turning the second factor off): the password or a code goes
 *   with the retried request itself;
 * - `sign-in` (adding or deleting a passkey): those routes want a recent sign-in, so the user signs in again
 *   here — password (then the second factor if the account has one), or a passkey — and the action is retried.
 */
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { signIn, signInWithPasskey, submitSecondFactor } from "sesame-auth/react";
import { describeError } from "../../lib/messages";

/** What an action answers: every helper's result has these. */
export interface Outcome {
  ok: boolean;
  status?: number;
  error?: string;
  reason?: string;
  message?: string;
}

/**
 * Runs `attempt`; if the library wants a fresh proof of identity, asks for it and runs `attempt` again with
 * it. Resolves to the last result, or `null` when the user cancelled.
 */
export type Guard = <R extends Outcome>(kind: ReauthPrompt["kind"], what: string, attempt: (proof: Proof) => Promise<R>) => Promise<R | null>;

export interface Proof {
  password?: string;
  code?: string;
}

/** A refused action waiting for proof. `retry` answers an error message to show, or `null` when it went through. */
export interface ReauthPrompt {
  kind: "factor" | "sign-in";
  what: string;
  retry(proof: Proof): Promise<string | null>;
  /** The user gave up: the action is dropped. */
  cancel(): void;
}

export default function Reauth({ prompt, email, onClose }: { prompt: ReauthPrompt; email: string | null; onClose(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function finish(proof: Proof) {
    const refused = await prompt.retry(proof);
    if (refused) setError(refused);
    else onClose();
  }

  /** Signs in again with the password, and the second factor when the account asks for one. */
  async function signInAgain({ password, code }: Proof): Promise<string | null> {
    if (!email || !password) return "Type your password, or sign in again on the sign-in page.";
    const first = await signIn("password", { email, password, redirect: false });
    if (!first?.ok) return describeError({ error: first?.error ?? "CredentialsSignin", status: first?.status ?? 401 });
    if (first.url && new URL(first.url, window.location.href).pathname === "/second-factor") {
      if (!code) return "Your account has two-step verification: type a code from your authenticator app too.";
      const second = await submitSecondFactor({ code });
      if (!second.ok) return describeError(second);
    }
    return null;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const proof: Proof = { password: String(form.get("password") ?? "") || undefined, code: String(form.get("code") ?? "") || undefined };
    setBusy(true);
    setError(null);
    try {
      if (prompt.kind === "factor") return await finish(proof);
      const refused = await signInAgain(proof);
      if (refused) return setError(refused);
      await finish({});
    } finally {
      setBusy(false);
    }
  }

  async function withPasskey() {
    setBusy(true);
    setError(null);
    const result = await signInWithPasskey({ redirect: false });
    if (result.ok) await finish({});
    else setError(describeError(result));
    setBusy(false);
  }

  return (
    <section className="panel" id="reauth" role="dialog" aria-labelledby="reauth-title">
      <h2 id="reauth-title">Confirm it&apos;s you</h2>
      <p>
        To {prompt.what}, prove again that this is your account: your last sign-in was more than a few minutes ago.{" "}
        {prompt.kind === "factor" ? "Your password or a code from your authenticator app will do." : "Sign in again with your password (and a code, if you use two-step verification), or with a passkey."}
      </p>
      {error && (
        <p role="alert" className="error" id="reauth-error">
          {error}
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} className="stack">
        <label>
          Password <input id="reauth-password" name="password" type="password" autoComplete="current-password" />
        </label>
        <label>
          {prompt.kind === "factor" ? "or a code" : "and the code, with two-step verification"}
          <input id="reauth-code" name="code" autoComplete="one-time-code" />
        </label>
        <div className="row">
          <button type="submit" id="reauth-confirm" disabled={busy}>
            Confirm
          </button>
          {prompt.kind === "sign-in" && (
            <button type="button" className="secondary" id="reauth-passkey" onClick={() => void withPasskey()} disabled={busy}>
              Use a passkey
            </button>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              prompt.cancel();
              onClose();
            }}
            disabled={busy}
          >
            Cancel
          </button>
        </div>
        <p className="muted">
          No password? <Link href="/login?reauth=1&callbackUrl=%2Fsecurity">Sign in again</Link> and come back.
        </p>
      </form>
    </section>
  );
}
