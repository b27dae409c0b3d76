/**
 * The one script of the built-in pages: passkeys, with the WebAuthn API itself — a served page cannot load
 * `@simplewebauthn/browser`, and this is all of it that they need. On the sign-in page it signs in, from its
 * button and from the browser's autofill (conditional mediation); on the second-factor page
 * (`data-mode="second-factor"`) it proves the waiting sign-in with one of the user's passkeys, which the
 * options list. It runs under the page's CSP by its nonce; it reads what it needs from the passkey section's
 * `data-` attributes, so it is the same text on every page, and it is shown only where the browser has WebAuthn.
 */
export const PASSKEY_SCRIPT = `(() => {
  const section = document.getElementById("sesame-passkey");
  if (!section || !window.PublicKeyCredential || !navigator.credentials) return;
  section.hidden = false;
  const { authBase, csrfToken, callbackUrl, providerId, signinUrl, mode } = section.dataset;
  const secondFactor = mode === "second-factor";
  const decode = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4)), (c) => c.charCodeAt(0));
  const encode = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
  const post = async (path, body) => {
    const response = await fetch(authBase + path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", "x-auth-return-redirect": "1" },
      body: JSON.stringify({ ...body, csrfToken }),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok || answer.error) throw Object.assign(new Error(answer.message || "The passkey sign-in failed."), { code: answer.error });
    return answer;
  };
  // One ceremony at a time: the button replaces a waiting autofill request, which ends with an AbortError.
  let pending;
  const signIn = async (mediation) => {
    pending?.abort();
    const controller = (pending = new AbortController());
    const { options } = await post(secondFactor ? "/second-factor/passkey-options" : "/passkey/authentication-options", {});
    const allowCredentials = (options.allowCredentials || []).map((allowed) => ({ ...allowed, id: decode(allowed.id) }));
    const publicKey = { ...options, challenge: decode(options.challenge), allowCredentials };
    const credential = await navigator.credentials.get({ publicKey, mediation, signal: controller.signal });
    const r = credential.response;
    const data = {
      id: credential.id,
      rawId: encode(credential.rawId),
      type: credential.type,
      clientExtensionResults: {},
      response: { clientDataJSON: encode(r.clientDataJSON), authenticatorData: encode(r.authenticatorData), signature: encode(r.signature), ...(r.userHandle && { userHandle: encode(r.userHandle) }) },
    };
    const remember = document.getElementById("sesame-remember")?.checked;
    const { url } = secondFactor
      ? await post("/second-factor", { data, ...(remember && { remember: "1" }) })
      : await post("/callback/" + encodeURIComponent(providerId), { data, callbackUrl });
    location.href = url;
  };
  const failed = (error) => {
    // Replaced by another request, or dismissed by the user: nothing to report.
    if (error.name === "AbortError" || error.name === "NotAllowedError") return;
    const url = new URL(signinUrl);
    url.searchParams.set("error", error.code || "WebAuthnVerificationError");
    location.href = url.href;
  };
  document.getElementById("sesame-passkey-button").addEventListener("click", () => signIn("optional").catch(failed));
  if (secondFactor) return;
  window.PublicKeyCredential.isConditionalMediationAvailable?.().then((available) => available && signIn("conditional").catch(failed));
})();`;
