/**
 * Google (OpenID Connect). The email counts as verified when Google's ID token says `email_verified: true`
 * (always for Gmail; for other addresses only once their owner confirmed them). For a refresh token, ask
 * for offline access:
 * `Google({ authorization: { params: { access_type: "offline", prompt: "consent" } } })`.
 */
import type { Profile } from "../core/types.js";
import type { OAuthProvider } from "./oauth.js";

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

export default function Google(options: Partial<OAuthProvider<GoogleProfile>> = {}): OAuthProvider<GoogleProfile> {
  return {
    id: "google",
    name: "Google",
    type: "oidc",
    issuer: "https://accounts.google.com",
    profile: (p) => ({ id: p.sub, name: p.name, email: p.email, emailVerified: p.email_verified === true, image: p.picture }),
    ...options,
  };
}
