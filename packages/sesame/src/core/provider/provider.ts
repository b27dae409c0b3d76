/** The union of the provider kinds the core knows, and finding one by id. Presets and `OAuth()` / `OIDC()` in `providers/` build them. */
import { UnknownProvider } from "../errors.js";
import type { CredentialsProvider } from "./credentials.js";
import type { EmailProvider } from "./email.js";
import type { OAuthProvider } from "./oauth.js";
import type { PasskeyProvider } from "./passkey.js";

/** Any provider in `providers`: credentials, OAuth / OpenID Connect, email, or passkeys. */
export type Provider = CredentialsProvider | OAuthProvider | EmailProvider | PasskeyProvider;

/**
 * The configured provider with this id; naming one that is not configured is an `UnknownProvider` (404).
 * It takes anything with the resolved providers (a request context, typically), so that this file, which the
 * config's types import, does not import the context back.
 */
export function providerNamed(context: { config: { providers: ReadonlyMap<string, Provider> } }, id: string): Provider {
  const provider = context.config.providers.get(id);
  if (!provider) throw new UnknownProvider(`No provider with id "${id}" is configured.`);
  return provider;
}
