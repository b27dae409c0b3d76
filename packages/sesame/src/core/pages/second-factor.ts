/**
 * The built-in second-factor page: after the first factor, a code from the authenticator app or a backup
 * code; or, with a Passkey() provider, one of the user's passkeys (by the passkey script, allowed by the
 * page's nonce).
 */
import type { Theme } from "../config/options.js";
import { h, page, SafeHtml } from "./layout.js";
import { errorMessage } from "./messages.js";
import { PASSKEY_SCRIPT } from "./passkey-script.js";

export function secondFactorPage(props: {
  authBase: string;
  csrfToken: string;
  theme: Theme;
  error?: string | null;
  canRemember: boolean;
  rememberDays?: number;
  /** The nonce of the passkey script: only when a Passkey() provider is configured. */
  scriptNonce?: string;
  /** The page's own address, where the script comes back to with an error. */
  pageUrl: string;
}): string {
  const { authBase, csrfToken, canRemember, rememberDays, scriptNonce } = props;
  const alert = props.error ? h`<p class="error" role="alert">${errorMessage(props.error)}</p>` : "";
  const remember = canRemember ? h`<label><input type="checkbox" id="sesame-remember" name="remember" value="1"> Remember this device for ${String(rememberDays)} days</label>` : "";
  // Hidden until the script finds WebAuthn in the browser.
  const passkey = scriptNonce
    ? h`<div class="provider" id="sesame-passkey" hidden data-mode="second-factor" data-auth-base="${authBase}" data-csrf-token="${csrfToken}" data-signin-url="${props.pageUrl}"><button type="button" id="sesame-passkey-button">Use a passkey instead</button></div><script nonce="${scriptNonce}">${new SafeHtml(PASSKEY_SCRIPT)}</script>`
    : "";
  return page(
    "Two-step verification",
    props.theme,
    h`<h1>Two-step verification</h1>${alert}<form method="post" action="${authBase}/second-factor"><input type="hidden" name="csrfToken" value="${csrfToken}">
<label for="code">Code from your authenticator app, or a backup code</label><input id="code" name="code" autocomplete="one-time-code" inputmode="text" maxlength="32" required autofocus>
${remember}<button type="submit">Verify</button></form>${passkey}`,
  );
}
