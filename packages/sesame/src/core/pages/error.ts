/** The built-in error page, for failures that cannot go back to the sign-in form. */
import type { Theme } from "../config/options.js";
import { errorMessage } from "./messages.js";
import { h, page } from "./layout.js";

export function errorPage(props: { code: string | null; signInUrl: string; theme: Theme }): string {
  return page(
    "Error",
    props.theme,
    h`<h1>Unable to sign in</h1><p class="error" role="alert">${errorMessage(props.code)}</p><a class="button" href="${props.signInUrl}">Sign in</a>`,
  );
}

/** The status an error page answers with: the code's nature, so tools and tests can tell them apart. */
export function errorPageStatus(code: string | null): number {
  if (code === "Configuration") return 500;
  if (code === "AccessDenied" || code === "MissingCSRF") return 403;
  return 400;
}
