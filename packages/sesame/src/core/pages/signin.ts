/**
 * The built-in sign-in page: one form per credentials provider, a button for every other provider, and with
 * a passkey provider a "Sign in with a passkey" button and autofill (the browser offers passkeys in the
 * username field, `autocomplete="username webauthn"`), driven by the page's one script (passkey-script.ts).
 */
import type { CredentialsProvider } from "../provider/credentials.js";
import { isPasswordProvider } from "../provider/password.js";
import type { PasskeyProvider } from "../provider/passkey.js";
import type { Provider } from "../provider/provider.js";
import type { Theme } from "../config/options.js";
import { errorMessage } from "./messages.js";
import { h, page, SafeHtml } from "./layout.js";
import { PASSKEY_SCRIPT } from "./passkey-script.js";

export interface SignInPageProps {
  providers: Provider[];
  /** Base of the auth routes, e.g. `https://example.com/api/auth`. */
  authBase: string;
  csrfToken: string;
  callbackUrl: string;
  error?: string | null;
  theme: Theme;
  /** The sign-in page's own URL, where the passkey script reports a failure. */
  signInUrl: string;
  /** The nonce of the page's script (its CSP allows no other): only pages with a passkey provider have one. */
  scriptNonce?: string;
  /** A re-authentication (step-up): the seconds its login may be old, posted with every form. */
  maxAge?: number;
}

export function signInPage({ providers, authBase, csrfToken, callbackUrl, error, theme, signInUrl, scriptNonce, maxAge }: SignInPageProps): string {
  const marker = maxAge === undefined ? "" : h`<input type="hidden" name="maxAge" value="${String(maxAge)}">`;
  const hidden = h`<input type="hidden" name="csrfToken" value="${csrfToken}"><input type="hidden" name="callbackUrl" value="${callbackUrl}">${marker}`;
  const passkey = providers.find((provider): provider is PasskeyProvider => provider.type === "webauthn");
  // The browser offers passkeys in the first username field marked `webauthn`: the first credentials form's, if any.
  const autofillForm = passkey && providers.find((provider): provider is CredentialsProvider => provider.type === "credentials");
  const forms = providers.map((provider) => {
    if (provider.type === "credentials") {
      const identifier = provider === autofillForm ? identifierField(provider) : undefined;
      const fields = Object.entries(provider.credentials).map(([name, input]) => {
        const id = `${provider.id}-${name}`;
        const autocomplete = input.autocomplete ?? (input.type === "password" ? "current-password" : "on");
        const marked = name === identifier ? `${autocomplete === "on" ? "username" : autocomplete} webauthn` : autocomplete;
        return h`<label for="${id}">${input.label ?? name}</label><input id="${id}" name="${name}" type="${input.type ?? "text"}" placeholder="${input.placeholder ?? ""}" autocomplete="${marked}"${input.required ? h` required` : ""}>`;
      });
      const accountLinks = isPasswordProvider(provider)
        ? h`<p><a href="${authBase}/reset-password">Forgot your password?</a> · <a href="${authBase}/signup?${new URLSearchParams({ callbackUrl })}">Create an account</a></p>`
        : "";
      return h`<form class="provider" method="post" action="${authBase}/callback/${encodeURIComponent(provider.id)}">${hidden}${fields}<button type="submit">Sign in with ${provider.name}</button></form>${accountLinks}`;
    }
    if (provider.type === "email") {
      const id = `${provider.id}-email`;
      return h`<form class="provider" method="post" action="${authBase}/signin/${encodeURIComponent(provider.id)}">${hidden}<label for="${id}">Email</label><input id="${id}" name="email" type="email" autocomplete="email" required><button type="submit">Sign in with ${provider.name}</button></form>`;
    }
    if (provider.type === "webauthn") return passkeySection(provider, { authBase, csrfToken, callbackUrl, signInUrl, ownInput: !autofillForm });
    return h`<form class="provider" method="post" action="${authBase}/signin/${encodeURIComponent(provider.id)}">${hidden}<button type="submit">Sign in with ${provider.name}</button></form>`;
  });
  const alert = error ? h`<p class="error" role="alert">${errorMessage(error)}</p>` : "";
  // The script as it is (escaping would break its quotes): a constant of ours, with no `</script>` in it.
  const script = passkey && scriptNonce ? h`<script nonce="${scriptNonce}">${new SafeHtml(PASSKEY_SCRIPT)}</script>` : "";
  const heading = maxAge === undefined ? h`<h1>Sign in</h1>` : h`<h1>Confirm it is you</h1><p>This needs a recent sign-in: sign in again to continue.</p>`;
  return page("Sign in", theme, h`${heading}${alert}${forms}${script}`);
}

/** The field that names the account: `identifier`, else the first field that is not a password. */
function identifierField(provider: CredentialsProvider): string | undefined {
  return provider.identifier ?? Object.entries(provider.credentials).find(([, input]) => input.type !== "password")?.[0];
}

/**
 * Hidden until the script finds WebAuthn in the browser; with its own username field for autofill when no
 * credentials form has one.
 */
function passkeySection(
  provider: PasskeyProvider,
  { authBase, csrfToken, callbackUrl, signInUrl, ownInput }: { authBase: string; csrfToken: string; callbackUrl: string; signInUrl: string; ownInput: boolean },
): SafeHtml {
  const label = provider.name === "Passkey" ? "a passkey" : provider.name;
  const input = ownInput ? h`<label for="${provider.id}-username">Username or email</label><input id="${provider.id}-username" name="username" type="text" autocomplete="username webauthn">` : "";
  return h`<div class="provider" id="sesame-passkey" hidden data-auth-base="${authBase}" data-csrf-token="${csrfToken}" data-callback-url="${callbackUrl}" data-provider-id="${provider.id}" data-signin-url="${signInUrl}">${input}<button type="button" id="sesame-passkey-button">Sign in with ${label}</button></div>`;
}
