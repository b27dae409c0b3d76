/** The union of the provider kinds the core knows. Presets and `OAuth()` / `OIDC()` in `providers/` build them. */
import type { CredentialsProvider } from "./credentials.js";
import type { EmailProvider } from "./email.js";
import type { OAuthProvider } from "./oauth.js";

/** Any provider in `providers`: credentials, OAuth / OpenID Connect, or email. */
export type Provider = CredentialsProvider | OAuthProvider | EmailProvider;
