/** The built-in "check your email" page, shown after a sign-in link or an account email was sent. */
import type { Theme } from "../config/options.js";
import { h, page } from "./layout.js";

/** What the page says was sent, by the `type` the redirect to it names. */
const SENT: Record<string, string> = {
  email: "A sign-in link has been sent to your email address. It can be used once.",
  signup: "If this address can be used, we sent it a link to finish creating your account.",
  reset: "If this address has an account, we sent it a link to choose a new password.",
  change: "We sent a link to the new address. Your email changes once you follow it.",
  verify: "We sent a link to your address. Follow it to confirm the address is yours.",
};

export function verifyRequestPage(props: { host: string; theme: Theme; type?: string | null }): string {
  const text = (props.type && SENT[props.type]) || SENT.email;
  return page("Check your email", props.theme, h`<h1>Check your email</h1><p role="status">${text}</p><p>${props.host}</p>`);
}
