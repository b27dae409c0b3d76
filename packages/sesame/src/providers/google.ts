/**
 * Google (OpenID Connect). The email counts as verified when Google's ID token says `email_verified: true`
 * (always for Gmail; for other addresses only once their owner confirmed them). For a refresh token, ask
 * for offline access:
 * `Google({ authorization: { params: { access_type: "offline", prompt: "consent" } } })`.
 */
import type { Profile } from "../core/types.js";
import { preset } from "./preset.js";

/** The claims of Google's ID token (`hd`: the Workspace domain). */
export interface GoogleProfile extends Profile {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  picture: string;
  given_name?: string;
  family_name?: string;
  hd?: string;
}

/**
 * The Google provider (id `"google"`). Options override the preset; client id and secret default to `AUTH_GOOGLE_ID` / `AUTH_GOOGLE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import Google from "sesame-auth/providers/google";
 * export const { handlers, auth } = Sesame({ providers: [Google()] }); // AUTH_GOOGLE_ID, AUTH_GOOGLE_SECRET
 * ```
 */
export default preset<GoogleProfile>({
  id: "google",
  name: "Google",
  type: "oidc",
  issuer: "https://accounts.google.com",
  profile: (p) => ({ id: p.sub, name: p.name, email: p.email, emailVerified: p.email_verified === true, image: p.picture }),
  docs: { refresh: true, emailVerified: "when `email_verified` is true", note: "refresh tokens with `access_type: \"offline\"`" },
});
