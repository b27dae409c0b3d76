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
export function takePostedName(declared, formPost, fields) {
    if (!declared)
        return null;
    const value = fields.get(declared.field);
    fields.delete(declared.field);
    if (!formPost || value === null)
        return null;
    let name;
    try {
        name = declared.read(value);
    }
    catch {
        return null;
    }
    return cleanName(name);
}
/** Drops the provider's field from a GET's query: a name there was not posted by the provider. */
export function dropQueryName(declared, params) {
    if (declared)
        params.delete(declared.field);
}
export async function sealPostedName(context, state, name) {
    return context.config.checksCodec.encode(stampClaims({ use: SEALED_NAME_USE, state, name }, SEALED_NAME_MAX_AGE_SECONDS));
}
/** The name sealed by `sealPostedName` for this state, or `null` for anything else (forged, stale, another sign-in's). */
export async function openPostedName(context, sealed, state) {
    if (!sealed || !state)
        return null;
    const claims = await context.config.checksCodec.decode(sealed);
    if (!claims || claims.use !== SEALED_NAME_USE || claims.state !== state)
        return null;
    return cleanName(claims.name);
}
function cleanName(name) {
    if (typeof name !== "string")
        return null;
    const trimmed = name.trim();
    return trimmed && trimmed.length <= MAX_NAME_LENGTH ? trimmed : null;
}
