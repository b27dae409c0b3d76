/**
 * Hugging Face (OpenID Connect). Issuer `https://huggingface.co`; standard claims, the email (with the `email`
 * scope) verified when `email_verified` is true.
 */
import { preset, standardClaims } from "./preset.js";

/**
 * The Hugging Face provider (id `"huggingface"`). Client id and secret default to `AUTH_HUGGINGFACE_ID` / `AUTH_HUGGINGFACE_SECRET`.
 *
 * @example
 * ```ts
 * import Sesame from "sesame-auth/next";
 * import HuggingFace from "sesame-auth/providers/huggingface";
 * export const { handlers, auth } = Sesame({ providers: [HuggingFace()] });
 * ```
 */
export default preset({
  id: "huggingface",
  name: "Hugging Face",
  type: "oidc",
  issuer: "https://huggingface.co",
  profile: standardClaims,
  docs: { refresh: false },
});
