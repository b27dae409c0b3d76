/**
 * Sign in with Apple (OpenID Connect). Apple posts the callback (`response_mode=form_post`) and sends the
 * user's name only on the first sign-in, posted beside the code (not in the ID token): the profile maps it
 * when present, so keep it (in your `jwt` callback or database) on first sign-in. `clientSecret` is the JWT Apple requires, signed with your .p8 key.
 */
import type { Profile } from "../core/types.js";
import type { OAuthProvider } from "./oauth.js";

export interface AppleProfile extends Profile {
  sub: string;
  email?: string;
  email_verified?: boolean | "true" | "false";
  is_private_email?: boolean | "true" | "false";
  /** Posted by Apple with the first sign-in only. */
  user?: { name?: { firstName?: string; lastName?: string }; email?: string };
}

function appleName(p: AppleProfile): string | null {
  const name = [p.user?.name?.firstName, p.user?.name?.lastName].filter(Boolean).join(" ");
  return name || null;
}

export default function Apple(options: Partial<OAuthProvider<AppleProfile>> = {}): OAuthProvider<AppleProfile> {
  return {
    id: "apple",
    name: "Apple",
    type: "oidc",
    issuer: "https://appleid.apple.com",
    authorization: { params: { scope: "name email" } },
    responseMode: "form_post",
    clientAuth: "client_secret_post",
    profile: (p) => ({ id: p.sub, name: appleName(p), email: p.email ?? p.user?.email ?? null, image: null }),
    ...options,
  };
}
