/** Any OpenID Connect provider: `import OIDC from "sesame-auth/providers/oidc"`. See oauth.ts. */
export { OIDC as default, OIDC } from "./oauth.js";
