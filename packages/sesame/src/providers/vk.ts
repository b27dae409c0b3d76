/**
 * VK (classic OAuth, API 5.131): scope `email`; the email comes in the token answer (VK does not say it was
 * verified), the user from `users.get`. VK's token answer has no `token_type`: Bearer is assumed.
 */
import type { Profile } from "../core/types.js";
import { claimAt, fetchJson, preset } from "./preset.js";

const API_VERSION = "5.131";

/**
 * The VK provider (id `"vk"`). Client id and secret default to `AUTH_VK_ID` / `AUTH_VK_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import VK from "sesame-auth/providers/vk";
 * export const { handlers, auth } = Sesame({ providers: [VK()] });
 * ```
 */
export default preset({
  id: "vk",
  name: "VK",
  type: "oauth",
  authorization: { url: "https://oauth.vk.com/authorize", params: { scope: "email", v: API_VERSION } },
  token: "https://oauth.vk.com/access_token",
  clientAuth: "client_secret_post",
  checks: ["state"],
  tokenResponse: (body) => ({ token_type: "bearer", ...body }),
  userinfo: {
    url: "https://api.vk.com/method/users.get",
    request: async ({ tokens, fetch }) => {
      const query = new URLSearchParams({ fields: "photo_100", v: API_VERSION, access_token: tokens.access_token });
      const answer = await fetchJson(fetch, `https://api.vk.com/method/users.get?${query}`);
      return { ...(claimAt(answer, "response.0") as Profile), email: typeof tokens.email === "string" ? tokens.email : null };
    },
  },
  profile: { id: "id", name: "first_name+last_name", email: "email", image: "photo_100", emailVerified: "never" },
  docs: { refresh: false },
});
