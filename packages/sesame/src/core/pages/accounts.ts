/** The built-in pages of email-and-password accounts: sign up, ask for a reset link, choose a new password, confirm an address. */
import type { Theme } from "../config/options.js";
import { h, page, type SafeHtml } from "./layout.js";
import { errorMessage } from "./messages.js";

interface FormPage {
  authBase: string;
  csrfToken: string;
  theme: Theme;
  error?: string | null;
  /** The `WeakPassword` rule, shown instead of the generic message. */
  reason?: string | null;
}

const REASONS: Record<string, string> = {
  "too-short": "That password is too short.",
  "too-long": "That password is too long.",
  "not-well-formed": "Enter a password.",
  breached: "That password has appeared in a data breach. Choose another.",
};

function alert({ error, reason }: Pick<FormPage, "error" | "reason">): SafeHtml | string {
  if (!error) return "";
  const text = error === "WeakPassword" ? (reason && REASONS[reason]) || "Choose a stronger password." : errorMessage(error);
  return h`<p class="error" role="alert">${text}</p>`;
}

function hidden(fields: Record<string, string>): SafeHtml {
  return h`${Object.entries(fields).map(([name, value]) => h`<input type="hidden" name="${name}" value="${value}">`)}`;
}

export function signUpPage(props: FormPage & { providerId: string; callbackUrl: string; minLength: number }): string {
  const { authBase, csrfToken, callbackUrl, providerId, minLength } = props;
  return page(
    "Create an account",
    props.theme,
    h`<h1>Create an account</h1>${alert(props)}<form method="post" action="${authBase}/signup/${encodeURIComponent(providerId)}">${hidden({ csrfToken, callbackUrl })}
<label for="name">Name</label><input id="name" name="name" autocomplete="name">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="${minLength}" required>
<button type="submit">Create account</button></form><hr><p><a href="${authBase}/signin">Already have an account? Sign in</a></p>`,
  );
}

export function resetRequestPage(props: FormPage & { callbackUrl: string }): string {
  const { authBase, csrfToken, callbackUrl } = props;
  return page(
    "Reset your password",
    props.theme,
    h`<h1>Reset your password</h1>${alert(props)}<form method="post" action="${authBase}/reset-password/request">${hidden({ csrfToken, callbackUrl })}
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required>
<button type="submit">Email me a link</button></form>`,
  );
}

export function resetPasswordPage(props: FormPage & { email: string; token: string; minLength: number }): string {
  const { authBase, csrfToken, email, token, minLength } = props;
  return page(
    "Choose a new password",
    props.theme,
    h`<h1>Choose a new password</h1>${alert(props)}<form method="post" action="${authBase}/reset-password">${hidden({ csrfToken, email, token })}
<input type="email" name="username" value="${email}" autocomplete="username" hidden>
<label for="password">New password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="${minLength}" required>
<button type="submit">Set password</button></form>`,
  );
}

export function confirmEmailPage(props: FormPage & { purpose: string; email: string; token: string }): string {
  const { authBase, csrfToken, purpose, email, token } = props;
  const title = purpose === "signup" ? "Confirm your email to finish signing up" : "Confirm your email";
  return page(
    title,
    props.theme,
    h`<h1>${title}</h1>${alert(props)}<p>${email}</p><form method="post" action="${authBase}/verify-email">${hidden({ csrfToken, purpose, email, token })}<button type="submit">Confirm</button></form>`,
  );
}
