/** What every provider has in common, and the union of the provider kinds Sesame knows: defined by the core, named here for presets and apps. */
export type { CredentialInput, CredentialsProvider, CredentialsValues } from "../core/provider/credentials.js";
export type { EmailProvider, VerificationRequest } from "../core/provider/email.js";
export type { Provider } from "../core/provider/provider.js";
