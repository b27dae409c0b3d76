/**
 * The display name a form_post provider posts beside the code (Apple's `user` field). The browser can
 * post anything there, so it is read only for a provider that declares the field, only from the POST
 * body, and only as a name. When the POST has to be re-issued as a GET (see routes/callback.ts), the raw
 * field never travels into the query string: the name alone goes along sealed with the checks codec and
 * bound to the sign-in's state, and on the GET only that sealed value is read.
 */
import type { RequestContext } from "../context.js";
import type { PostedNameField } from "../provider/oauth.js";
import { stampClaims } from "../token/codec.js";

/** The query parameter carrying the sealed name across the form_post bounce. */
export const SEALED_NAME_PARAM = "sesame_posted_name";
/** The bounce is followed at once; a sealed name older than this is ignored. */
const SEALED_NAME_MAX_AGE_SECONDS = 300;
/** Marks the sealed value so it cannot pass for another token made with the same codec. */
const SEALED_NAME_USE = "posted-name";
/** Longer is not a name: ignore it rather than store it. */
const MAX_NAME_LENGTH = 200;


/**
 * The posted name from a POST body, or `null`. Removes the provider's field from `fields` either way, so
 * that it is neither passed on nor re-issued in a URL. `formPost`: the provider uses `response_mode=form_post`.
 */
export function takePostedName(declared: PostedNameField | undefined, formPost: boolean, fields: URLSearchParams): string | null {
  if (!declared) return null;
  const value = fields.get(declared.field);
  fields.delete(declared.field);
  if (!formPost || value === null) return null;
  let name: unknown;
  try {
    name = declared.read(value);
  } catch {
    return null;
  }
  return cleanName(name);
}

/** Drops the provider's field from a GET's query: a name there was not posted by the provider. */
export function dropQueryName(declared: PostedNameField | undefined, params: URLSearchParams): void {
  if (declared) params.delete(declared.field);
}

export async function sealPostedName(context: RequestContext, state: string, name: string): Promise<string> {
  return context.config.checksCodec.encode(stampClaims({ use: SEALED_NAME_USE, state, name }, SEALED_NAME_MAX_AGE_SECONDS));
}

/** The name sealed by `sealPostedName` for this state, or `null` for anything else (forged, stale, another sign-in's). */
export async function openPostedName(context: RequestContext, sealed: string | null, state: string | null): Promise<string | null> {
  if (!sealed || !state) return null;
  const claims = await context.config.checksCodec.decode(sealed);
  if (!claims || claims.use !== SEALED_NAME_USE || claims.state !== state) return null;
  return cleanName(claims.name);
}

function cleanName(name: unknown): string | null {
  if (typeof name !== "string") return null;
  const trimmed = name.trim();
  return trimmed && trimmed.length <= MAX_NAME_LENGTH ? trimmed : null;
}
