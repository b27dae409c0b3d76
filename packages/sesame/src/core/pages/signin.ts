/** The built-in sign-in page: one form per credentials provider, a button for every other provider. */
import { isPasswordProvider } from "../provider/password.js";
import type { Provider } from "../provider/provider.js";
import type { Theme } from "../config/options.js";
import { errorMessage } from "./messages.js";
import { h, page } from "./layout.js";

export interface SignInPageProps {
  providers: Provider[];
  /** Base of the auth routes, e.g. `https://example.com/api/auth`. */
  authBase: string;
  csrfToken: string;
  callbackUrl: string;
  error?: string | null;
  theme: Theme;
}

export function signInPage({ providers, authBase, csrfToken, callbackUrl, error, theme }: SignInPageProps): string {
  const hidden = h`<input type="hidden" name="csrfToken" value="${csrfToken}"><input type="hidden" name="callbackUrl" value="${callbackUrl}">`;
  const forms = providers.map((provider) => {
    if (provider.type === "credentials") {
      const fields = Object.entries(provider.credentials).map(([name, input]) => {
        const id = `${provider.id}-${name}`;
        return h`<label for="${id}">${input.label ?? name}</label><input id="${id}" name="${name}" type="${input.type ?? "text"}" placeholder="${input.placeholder ?? ""}" autocomplete="${input.autocomplete ?? (input.type === "password" ? "current-password" : "on")}"${input.required ? h` required` : ""}>`;
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
    return h`<form class="provider" method="post" action="${authBase}/signin/${encodeURIComponent(provider.id)}">${hidden}<button type="submit">Sign in with ${provider.name}</button></form>`;
  });
  const alert = error ? h`<p class="error" role="alert">${errorMessage(error)}</p>` : "";
  return page("Sign in", theme, h`<h1>Sign in</h1>${alert}${forms}`);
}
