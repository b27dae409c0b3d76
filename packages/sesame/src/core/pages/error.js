import { errorMessage } from "./messages.js";
import { h, page } from "./layout.js";
export function errorPage(props) {
    return page("Error", props.theme, h `<h1>Unable to sign in</h1><p class="error" role="alert">${errorMessage(props.code)}</p><a class="button" href="${props.signInUrl}">Sign in</a>`);
}
/** The status an error page answers with: the code's nature, so tools and tests can tell them apart. */
export function errorPageStatus(code) {
    if (code === "Configuration")
        return 500;
    if (code === "AccessDenied" || code === "MissingCSRF")
        return 403;
    return 400;
}
