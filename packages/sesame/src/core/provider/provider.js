/** The union of the provider kinds the core knows, and finding one by id. Presets and `OAuth()` / `OIDC()` in `providers/` build them. */
import { UnknownProvider } from "../errors.js";
/**
 * The configured provider with this id; naming one that is not configured is an `UnknownProvider` (404).
 * It takes anything with the resolved providers (a request context, typically), so that this file, which the
 * config's types import, does not import the context back.
 */
export function providerNamed(context, id) {
    const provider = context.config.providers.get(id);
    if (!provider)
        throw new UnknownProvider(`No provider with id "${id}" is configured.`);
    return provider;
}
