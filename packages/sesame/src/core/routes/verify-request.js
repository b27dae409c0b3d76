import { html, redirect } from "../http.js";
import { verifyRequestPage } from "../pages/verify-request.js";
export function getVerifyRequest(context) {
    const custom = context.config.pages.verifyRequest;
    if (custom)
        return redirect(new URL(custom, context.origin).href, false);
    return html(verifyRequestPage({ host: new URL(context.origin).host, theme: context.config.theme }));
}
