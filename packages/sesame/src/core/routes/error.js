import { html, redirect } from "../http.js";
import { errorPage, errorPageStatus } from "../pages/error.js";
import { errorPageUrl, signInPageUrl } from "../urls.js";
export function getError(context) {
    const code = context.url.searchParams.get("error");
    if (context.config.pages.error)
        return redirect(errorPageUrl(context, code ?? "Default"), false);
    const page = errorPage({ code, signInUrl: signInPageUrl(context), theme: context.config.theme });
    return html(page, { status: errorPageStatus(code) });
}
