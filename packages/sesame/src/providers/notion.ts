/**
 * Notion public integrations: `owner=user`; the token request is JSON with HTTP Basic client authentication,
 * as Notion requires, and its answer names the user who authorized (`owner.user`), which is the profile.
 * Notion does not say the email was verified.
 */
import type { Profile } from "../core/types.js";
import { claimAt, preset, tokenAsJson } from "./preset.js";

/**
 * The Notion provider (id `"notion"`). Client id and secret default to `AUTH_NOTION_ID` / `AUTH_NOTION_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Notion from "sesame-auth/providers/notion";
 * export const { handlers, auth } = Sesame({ providers: [Notion()] });
 * ```
 */
export default preset({
  id: "notion",
  name: "Notion",
  type: "oauth",
  authorization: { url: "https://api.notion.com/v1/oauth/authorize", params: { owner: "user" } },
  token: "https://api.notion.com/v1/oauth/token",
  checks: ["state"],
  tokenRequest: tokenAsJson,
  userinfo: {
    url: "https://api.notion.com/v1/users/me",
    request: async ({ tokens }) => {
      const user = claimAt(tokens, "owner.user");
      if (typeof user !== "object" || user === null) throw new Error("Notion's token answer names no user (a workspace-level integration?)");
      return user as Profile;
    },
  },
  profile: { id: "id", name: "name", email: "person.email", image: "avatar_url", emailVerified: "never" },
  docs: { refresh: true },
});
