/**
 * The built-in "check your email" page, shown after a sign-in link or an account email was sent; with
 * one-time codes, it holds the form to type the code into.
 */
import type { Theme } from "../config/options.js";
import { h, page, type SafeHtml } from "./layout.js";
import { errorMessage } from "./messages.js";

/** What the page says was sent, by the `type` the redirect to it names. */
const SENT: Record<string, string> = {
  email: "A sign-in link has been sent to your email address. It can be used once.",
  signup: "If this address can be used, we sent it a link to finish creating your account.",
  reset: "If this address has an account, we sent it a link to choose a new password.",
  change: "We sent a link to the new address. Your email changes once you follow it.",
  verify: "We sent a link to your address. Follow it to confirm the address is yours.",
};

/** The same, when the email carries a code. */
const SENT_CODE: Record<string, string> = {
  email: "We sent a sign-in code and link to your email address. Type the code here, or follow the link.",
  signup: "If this address can be used, we sent it a code to finish creating your account. Type it here.",
  change: "We sent a code to the new address. Your email changes once you type it here.",
  verify: "We sent a code to your address. Type it here to confirm the address is yours.",
};

/** What a refused code shows: a wrong code and no code at all read the same. */
const CODE_ERRORS: Record<string, string> = {
  Verification: "That code is not right, or it has expired. Check the latest email, or ask for a new code.",
  EmailSignin: "Check the email address.",
};

/** The code form: where it posts, with what. */
export interface CodeForm {
  action: string;
  csrfToken: string;
  /** The address the code went to, when the redirect named it; otherwise the form asks for it. */
  email: string | null;
  /** The code of a refused try, shown above the form. */
  error: string | null;
  submit: string;
  /** Hidden fields besides (the account flow's `purpose`). */
  fields?: Record<string, string>;
}

function codeForm({ action, csrfToken, email, error, submit, fields = {} }: CodeForm): SafeHtml {
  const alert = error ? h`<p class="error" role="alert">${CODE_ERRORS[error] ?? errorMessage(error)}</p>` : "";
  const hidden = Object.entries({ csrfToken, ...fields }).map(([name, value]) => h`<input type="hidden" name="${name}" value="${value}">`);
  const address = email
    ? h`<p>Sent to <strong>${email}</strong></p><input type="hidden" name="email" value="${email}">`
    : h`<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required>`;
  return h`${alert}<form method="post" action="${action}">${hidden}${address}
<label for="code">Code</label><input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="16" required autofocus>
<button type="submit">${submit}</button></form>`;
}

export function verifyRequestPage(props: { host: string; theme: Theme; type?: string | null; code?: CodeForm }): string {
  const sent = props.code ? SENT_CODE : SENT;
  const text = (props.type && sent[props.type]) || sent.email;
  const form = props.code ? codeForm(props.code) : "";
  return page("Check your email", props.theme, h`<h1>Check your email</h1><p role="status">${text}</p>${form}<p>${props.host}</p>`);
}
