/** Any OpenID Connect provider: `import OIDC from "sesame-auth/providers/oidc"`. See oauth.ts. */
export { OIDC as default, OIDC, type OAuthProvider, type StandardClaims, type TokenSet } from "./oauth.js";
