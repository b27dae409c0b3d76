"use client";
// The sign-in page's passkey button: the browser's own prompt, then on to where the visitor was going. A
// button rather than autofill, so that a browser holding a passkey is never signed in just by opening the page.
import { useState } from "react";
import { signInWithPasskey } from "sesame-auth/react";

const MESSAGES: Record<string, string> = {
  NotAllowedError: "The passkey prompt was dismissed or timed out.",
  NotSupportedError: "This browser cannot use passkeys.",
  WebAuthnVerificationError: "That passkey was not accepted. It may have been deleted from your account.",
};

export default function PasskeySignIn({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    const result = await signInWithPasskey({ callbackUrl });
    // On success the page is already leaving for `callbackUrl`.
    if (!result.ok) {
      setError(`${MESSAGES[result.error ?? ""] ?? "Signing in with a passkey did not work."} (${result.error ?? result.status})`);
      setBusy(false);
    }
  }

  return (
    <div className="card" id="passkey">
      <h2>Passkey</h2>
      <p>Your device&apos;s fingerprint, face or PIN. Add one on the security page once signed in.</p>
      <button type="button" onClick={() => void start()} disabled={busy}>
        Sign in with a passkey
      </button>
      {error && (
        <p role="alert" className="error" id="passkey-error">
          {error}
        </p>
      )}
    </div>
  );
}
