/**
 * Sign in with Apple (OpenID Connect). Apple posts the callback (`response_mode=form_post`) and sends the
 * user's name only on the first sign-in, posted beside the code as the `user` field (not in the ID token):
 * Sesame reads only the name from it, only from the POST body, and only for the user that sign-in creates
 * (with an adapter, the name is stored; without one, keep it in your `jwt` callback). The email comes from
 * the ID token alone, verified when Apple says `email_verified` (`true` or `"true"`); Apple verifies every
 * address it sends, private relay addresses included. `clientSecret` is the JWT Apple requires, signed with
 * your .p8 key.
 */
import type { Profile } from "../core/types.js";
import { preset } from "./preset.js";

/** The claims of Apple's ID token (booleans may arrive as strings). */
export interface AppleProfile extends Profile {
  sub: string;
  email?: string;
  email_verified?: boolean | "true" | "false";
  is_private_email?: boolean | "true" | "false";
}

/** The longest name kept from the posted `user` field; Apple's are far shorter. */
const MAX_NAME_LENGTH = 200;

/**
 * The name in Apple's posted `user` field (`{"name":{"firstName","lastName"},"email"}`); its email is ignored.
 * Sesame calls it on Apple's first callback; `null` when the field holds no usable name.
 *
 * @example
 * ```ts
 * applePostedName('{"name":{"firstName":"Ada","lastName":"Lovelace"}}'); // "Ada Lovelace"
 * ```
 */
export function applePostedName(value: string): string | null {
  let posted: unknown;
  try {
    posted = JSON.parse(value);
  } catch {
    return null;
  }
  const name = (posted as { name?: unknown } | null)?.name;
  if (typeof name !== "object" || name === null) return null;
  const { firstName, lastName } = name as { firstName?: unknown; lastName?: unknown };
  const full = [firstName, lastName]
    .filter((part): part is string => typeof part === "string")
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" ");
  return full && full.length <= MAX_NAME_LENGTH ? full : null;
}

/**
 * The Sign in with Apple provider (id `"apple"`). `clientId` is the Services ID; `clientSecret` the JWT
 * signed with your .p8 key (defaults: `AUTH_APPLE_ID` / `AUTH_APPLE_SECRET`).
 *
 * @example
 * ```ts
 * Apple({ clientId: "com.example.web", clientSecret: appleClientSecretJwt })
 * ```
 */
export default preset<AppleProfile>({
  id: "apple",
  name: "Apple",
  type: "oidc",
  issuer: "https://appleid.apple.com",
  authorization: { params: { scope: "name email" } },
  responseMode: "form_post",
  clientAuth: "client_secret_post",
  postedName: { field: "user", read: applePostedName },
  profile: (p) => ({
    id: p.sub,
    name: null,
    email: p.email ?? null,
    emailVerified: p.email_verified === true || p.email_verified === "true",
    image: null,
  }),
  docs: { refresh: true, returns: "id, email; the name posted on the first sign-in", emailVerified: "when `email_verified` is `true` or `\"true\"`", note: "`clientSecret` is the JWT Apple requires; form_post" },
});
