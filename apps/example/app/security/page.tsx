"use client";
/**
 * The security page: the password, the authenticator app (TOTP) with its backup codes, remembered devices,
 * and passkeys — all through the helpers of `sesame-auth/react`. Changes to a way in need a recent sign-in;
 * when the library answers `ReauthenticationRequired`, the page asks for proof and retries (`Reauth`).
 */
import { useCallback, useState } from "react";
import { useSession } from "sesame-auth/react";
import { describeError } from "../../lib/messages";
import ChangePassword from "./password";
import Passkeys from "./passkeys";
import Reauth, { type Guard, type ReauthPrompt } from "./reauth";
import TwoFactor from "./two-factor";

/** The answers that mean "that proof did not do": the prompt stays, with the reason. */
const PROOF_REFUSED = new Set(["CredentialsSignin", "ReauthenticationRequired", "RateLimited"]);

export default function Security() {
  const { data: session, status } = useSession({ required: true });
  const [prompt, setPrompt] = useState<ReauthPrompt | null>(null);

  const guard: Guard = useCallback(async (kind, what, attempt) => {
    const first = await attempt({});
    if (first.ok || first.error !== "ReauthenticationRequired") return first;
    return new Promise((resolve) => {
      setPrompt({
        kind,
        what,
        async retry(proof) {
          const again = await attempt(proof);
          if (!again.ok && again.error && PROOF_REFUSED.has(again.error)) return describeError(again);
          resolve(again);
          return null;
        },
        cancel: () => resolve(null),
      });
    });
  }, []);

  if (status === "loading") return <p>Loading…</p>;
  const methods = session?.amr?.join(" + ");
  return (
    <>
      <h1>Security</h1>
      <p id="signed-in-with">
        Signed in as <strong>{session?.user?.email ?? session?.user?.name}</strong>
        {methods && (
          <>
            {" "}
            with <span id="amr">{methods}</span>
          </>
        )}
        {session?.authTime && <span className="muted"> at {new Date(session.authTime).toLocaleTimeString()}</span>}.
      </p>
      {prompt && <Reauth prompt={prompt} email={session?.user?.email ?? null} onClose={() => setPrompt(null)} />}
      <ChangePassword />
      <TwoFactor guard={guard} />
      <Passkeys guard={guard} />
    </>
  );
}
