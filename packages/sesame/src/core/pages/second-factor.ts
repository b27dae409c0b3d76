/** The built-in second-factor page: after the first factor, a code from the authenticator app or a backup code. */
import type { Theme } from "../config/options.js";
import { h, page } from "./layout.js";
import { errorMessage } from "./messages.js";

export function secondFactorPage(props: { authBase: string; csrfToken: string; theme: Theme; error?: string | null; canRemember: boolean; rememberDays?: number }): string {
  const { authBase, csrfToken, canRemember, rememberDays } = props;
  const alert = props.error ? h`<p class="error" role="alert">${errorMessage(props.error)}</p>` : "";
  const remember = canRemember ? h`<label><input type="checkbox" name="remember" value="1"> Remember this device for ${String(rememberDays)} days</label>` : "";
  return page(
    "Two-step verification",
    props.theme,
    h`<h1>Two-step verification</h1>${alert}<form method="post" action="${authBase}/second-factor"><input type="hidden" name="csrfToken" value="${csrfToken}">
<label for="code">Code from your authenticator app, or a backup code</label><input id="code" name="code" autocomplete="one-time-code" inputmode="text" maxlength="32" required autofocus>
${remember}<button type="submit">Verify</button></form>`,
  );
}
