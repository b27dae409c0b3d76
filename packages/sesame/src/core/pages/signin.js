import { errorMessage } from "./messages.js";
import { h, page } from "./layout.js";
export function signInPage({ providers, authBase, csrfToken, callbackUrl, error, theme }) {
    const hidden = h `<input type="hidden" name="csrfToken" value="${csrfToken}"><input type="hidden" name="callbackUrl" value="${callbackUrl}">`;
    const forms = providers.map((provider) => {
        if (provider.type === "credentials") {
            const fields = Object.entries(provider.credentials).map(([name, input]) => {
                const id = `${provider.id}-${name}`;
                return h `<label for="${id}">${input.label ?? name}</label><input id="${id}" name="${name}" type="${input.type ?? "text"}" placeholder="${input.placeholder ?? ""}" autocomplete="${input.autocomplete ?? (input.type === "password" ? "current-password" : "on")}"${input.required ? h ` required` : ""}>`;
            });
            return h `<form class="provider" method="post" action="${authBase}/callback/${encodeURIComponent(provider.id)}">${hidden}${fields}<button type="submit">Sign in with ${provider.name}</button></form>`;
        }
        if (provider.type === "email") {
            const id = `${provider.id}-email`;
            return h `<form class="provider" method="post" action="${authBase}/signin/${encodeURIComponent(provider.id)}">${hidden}<label for="${id}">Email</label><input id="${id}" name="email" type="email" autocomplete="email" required><button type="submit">Sign in with ${provider.name}</button></form>`;
        }
        return h `<form class="provider" method="post" action="${authBase}/signin/${encodeURIComponent(provider.id)}">${hidden}<button type="submit">Sign in with ${provider.name}</button></form>`;
    });
    const alert = error ? h `<p class="error" role="alert">${errorMessage(error)}</p>` : "";
    return page("Sign in", theme, h `<h1>Sign in</h1>${alert}${forms}`);
}
