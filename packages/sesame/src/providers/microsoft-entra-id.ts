/**
 * Microsoft Entra ID (formerly Azure AD), OpenID Connect v2.0 endpoints of one tenant:
 * `MicrosoftEntraID({ tenantId: "…" })`, or `issuer` / `AUTH_MICROSOFT_ENTRA_ID_ISSUER`. Entra ID does not
 * verify the `email` claim (a tenant administrator can set any address) nor `preferred_username`, so the
 * email never counts as verified: it is not linked on. If your tenants are trusted, say so in your own
 * `profile` (e.g. from the optional `xms_edov` claim).
 *
 * `profilePhotoSize` (next-auth's option, its sizes) fetches the user's photo from Microsoft Graph
 * (`/me/photos/{size}x{size}/$value`, which needs the `User.Read` scope, then asked for) and makes it the
 * image, as a `data:` URL. Unlike next-auth, which fetches a 48 px photo on every sign-in unless told
 * otherwise, Sesame fetches it only when the option is given: the data URL (a few kB) is stored with the user
 * and, with JWT sessions, may travel in the session cookie. A user without a photo (Graph answers 404), or
 * any failure to fetch it, leaves the image null; it never fails the sign-in.
 */
import { InvalidConfiguration } from "../core/errors.js";
import type { Profile, SignInUser } from "../core/types.js";
import type { OAuthProvider, TokenSet } from "./oauth.js";
import { presetInfo, withAuthorization } from "./preset.js";

/** The photo sizes Microsoft Graph serves (`GET /me/photos/{size}`), as next-auth's `profilePhotoSize` lists them. */
const PHOTO_SIZES = [48, 64, 96, 120, 240, 360, 432, 504, 648] as const;

/** Entra ID's ID token claims (`oid`: the user across the tenant's apps, used as the account id). */
export interface MicrosoftEntraIDProfile extends Profile {
  sub: string;
  oid: string;
  tid: string;
  name: string;
  email?: string;
  preferred_username: string;
}

/**
 * The Microsoft Entra ID provider (id `"microsoft-entra-id"`) for one tenant: `tenantId`, or `issuer` (default `AUTH_MICROSOFT_ENTRA_ID_ISSUER`). Client id and secret default to `AUTH_MICROSOFT_ENTRA_ID_ID` / `AUTH_MICROSOFT_ENTRA_ID_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import MicrosoftEntraID from "sesame-auth/providers/microsoft-entra-id";
 * export const { handlers, auth } = Sesame({ providers: [MicrosoftEntraID({ tenantId: process.env.ENTRA_TENANT_ID })] }); // AUTH_MICROSOFT_ENTRA_ID_ID, _SECRET
 * ```
 */
export default function MicrosoftEntraID(options: MicrosoftEntraIDOptions = {}): OAuthProvider<MicrosoftEntraIDProfile> {
  return entra("microsoft-entra-id", "Microsoft Entra ID", options);
}

MicrosoftEntraID.info = presetInfo({
  id: "microsoft-entra-id",
  name: "Microsoft Entra ID",
  type: "oidc",
  profile: { id: ["oid", "sub"], name: "name", email: ["email", "preferred_username"], emailVerified: "never" },
  docs: { refresh: true, returns: "id, name, email; image with `profilePhotoSize`", note: "`tenantId` or `issuer`; the id is `oid`; `profilePhotoSize` for the Graph photo" },
});

/**
 * Options of the Microsoft Entra ID (and Azure AD) presets: any provider option, plus `tenantId` and
 * `profilePhotoSize` (pixels, one of the sizes Graph serves).
 *
 * @example
 * ```ts
 * MicrosoftEntraID({ tenantId: "contoso.onmicrosoft.com", profilePhotoSize: 96 })
 * ```
 */
export type MicrosoftEntraIDOptions = Partial<OAuthProvider<MicrosoftEntraIDProfile>> & { tenantId?: string; profilePhotoSize?: (typeof PHOTO_SIZES)[number] };

/**
 * An Entra ID provider under the given id: what `microsoft-entra-id` and next-auth 4's `azure-ad` both are.
 *
 * @example
 * ```ts
 * entra("azure-ad", "Azure Active Directory", { tenantId: "contoso" })
 * ```
 */
export function entra(id: string, name: string, { tenantId, profilePhotoSize, authorization, ...options }: MicrosoftEntraIDOptions): OAuthProvider<MicrosoftEntraIDProfile> {
  if (profilePhotoSize !== undefined && !PHOTO_SIZES.includes(profilePhotoSize)) {
    throw new InvalidConfiguration(`Provider "${id}": profilePhotoSize must be one of ${PHOTO_SIZES.join(", ")} (the sizes Microsoft Graph serves), not ${String(profilePhotoSize)}.`);
  }
  // `oid` is the same user across the tenant's apps; `sub` differs per app.
  const user = (p: MicrosoftEntraIDProfile): SignInUser => ({ id: p.oid ?? p.sub, name: p.name, email: p.email ?? p.preferred_username, emailVerified: false, image: null });
  const photo = profilePhotoSize && { fetch: options.fetch ?? fetch, size: profilePhotoSize, seconds: options.timeoutSeconds ?? 10 };
  return {
    id,
    name,
    type: "oidc",
    ...(tenantId && { issuer: `https://login.microsoftonline.com/${tenantId}/v2.0` }),
    ...((photo || authorization) && { authorization: withAuthorization(photo ? { params: { scope: "openid profile email User.Read" } } : undefined, authorization) }),
    profile: photo ? async (p, tokens) => ({ ...user(p), image: await graphPhoto(photo, tokens) }) : user,
    ...options,
  };
}

/**
 * The signed-in user's photo from Microsoft Graph as a `data:` URL, or null: no photo (404), another
 * answer than an image, a network failure or a time-out all leave the user without an image.
 */
async function graphPhoto(photo: { fetch: typeof fetch; size: number; seconds: number }, tokens: TokenSet): Promise<string | null> {
  try {
    const url = `https://graph.microsoft.com/v1.0/me/photos/${photo.size}x${photo.size}/$value`;
    const response = await photo.fetch(url, { headers: { authorization: `Bearer ${tokens.access_token}` }, signal: AbortSignal.timeout(photo.seconds * 1000) });
    const type = response.headers.get("content-type")?.split(";")[0]?.trim() ?? "";
    if (!response.ok || !type.startsWith("image/")) return null;
    return `data:${type};base64,${base64(new Uint8Array(await response.arrayBuffer()))}`;
  } catch {
    return null;
  }
}

/** Standard base64 without Buffer, so that the preset runs on edge runtimes too. */
function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
