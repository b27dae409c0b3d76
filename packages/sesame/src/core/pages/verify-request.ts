/** The built-in "check your email" page, shown after an email sign-in link was sent. */
import type { Theme } from "../config/options.js";
import { h, page } from "./layout.js";

export function verifyRequestPage(props: { host: string; theme: Theme }): string {
  return page(
    "Check your email",
    props.theme,
    h`<h1>Check your email</h1><p role="status">A sign-in link has been sent to your email address. It can be used once.</p><p>${props.host}</p>`,
  );
}
