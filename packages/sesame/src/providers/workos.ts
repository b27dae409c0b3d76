/**
 * WorkOS SSO: pass `connection` (or an `organization` or `provider` authorization param); the client secret in
 * the body; the profile from `/sso/profile`. The email is the identity provider's assertion, not verified.
 */
import type { Profile } from "../core/types.js";
import { preset, withParams } from "./preset.js";

/**
 * The WorkOS provider (id `"workos"`). Client id and secret default to `AUTH_WORKOS_ID` / `AUTH_WORKOS_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import WorkOS from "sesame-auth/providers/workos";
 * export const { handlers, auth } = Sesame({ providers: [WorkOS({ connection: "conn_123" })] });
 * ```
 */
export default preset<Profile, { connection?: string }>({
  id: "workos",
  name: "WorkOS",
  type: "oauth",
  authorization: "https://api.workos.com/sso/authorize",
  token: "https://api.workos.com/sso/token",
  userinfo: "https://api.workos.com/sso/profile",
  clientAuth: "client_secret_post",
  tokenResponse: (body) => ({ token_type: "bearer", ...body }),
  options: { connection: (connection, facts) => ({ authorization: withParams(facts.authorization, { connection }) }) },
  profile: { id: "id", name: "first_name+last_name", email: "email", emailVerified: "never" },
  docs: { refresh: false },
});
