/** What every provider has in common, and the union of the provider kinds Sesame knows: defined by the core, named here for presets and apps. */
/** A credentials provider (`CredentialsProvider`), its form fields and the values posted: types only. */
export type { CredentialInput, CredentialsProvider, CredentialsValues } from "../core/provider/credentials.js";
/** An email (magic link) provider, what `sendVerificationRequest` gets, and the messages `sendMail` sends: types only. */
export type { EmailProvider, MailMessage, VerificationRequest } from "../core/provider/email.js";
/** A passkey provider (`Passkey()`) and its relying-party settings: types only. */
export type { PasskeyProvider, PasskeySettings } from "../core/provider/passkey.js";
/** Any provider in `providers`: credentials, OAuth / OpenID Connect, email, or passkeys. */
export type { Provider } from "../core/provider/provider.js";
