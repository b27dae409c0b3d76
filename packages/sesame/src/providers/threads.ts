/**
 * Threads: scope `threads_basic`; the profile from `graph.threads.com/v1.0/me` (no email). Meta's current
 * documentation names the `threads.com` hosts (`threads.net` still answers). The token answer has no
 * `token_type`: Bearer is assumed.
 */
import { preset } from "./preset.js";

/**
 * The Threads provider (id `"threads"`). Client id and secret default to `AUTH_THREADS_ID` / `AUTH_THREADS_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Threads from "sesame-auth/providers/threads";
 * export const { handlers, auth } = Sesame({ providers: [Threads()] });
 * ```
 */
export default preset({
  id: "threads",
  name: "Threads",
  type: "oauth",
  authorization: { url: "https://threads.com/oauth/authorize", params: { scope: "threads_basic" } },
  token: "https://graph.threads.com/oauth/access_token",
  userinfo: "https://graph.threads.com/v1.0/me?fields=id,username,name,threads_profile_picture_url",
  clientAuth: "client_secret_post",
  checks: ["state"],
  tokenResponse: (body) => ({ token_type: "bearer", ...body }),
  profile: { id: "id", name: ["name", "username"], image: "threads_profile_picture_url", emailVerified: "never" },
  docs: { refresh: false, note: "long-lived tokens are exchanged, not refreshed" },
});
