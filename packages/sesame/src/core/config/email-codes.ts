/**
 * The one-time codes of the email providers that sign in by code (`Email({ code })`), checked once when
 * the configuration is resolved: their limits, and an adapter that can keep them. A missing piece is a
 * configuration error at start, not a sign-in that fails in production.
 */
import type { Adapter } from "../adapter.js";
import { CODE_STORE_METHODS } from "../codes/code-store.js";
import { codeLimits, type CodeLimits } from "../codes/options.js";
import { InvalidConfiguration } from "../errors.js";
import type { Provider } from "../provider/provider.js";

/** Refuses an adapter that cannot keep codes, naming what asked for them and the missing methods. */
export function assertCodeStore(adapter: Adapter | undefined, what: string): void {
  const missing = CODE_STORE_METHODS.filter((name) => typeof adapter?.[name] !== "function");
  if (!missing.length) return;
  throw new InvalidConfiguration(
    `${what} keeps its one-time codes through the adapter, which lacks ${missing.map((m) => `\`${m}\``).join(", ")}. ` +
      "Sesame's SqlAdapter and MemoryAdapter have them (an Auth.js adapter does not).",
  );
}

/** The code limits of each email provider that signs in by code, by provider id. */
export function resolveEmailCodes(providers: ReadonlyMap<string, Provider>, adapter: Adapter | undefined): ReadonlyMap<string, CodeLimits> {
  const codes = new Map<string, CodeLimits>();
  for (const provider of providers.values()) {
    if (provider.type !== "email" || provider.code === undefined || provider.code === false) continue;
    const option = `Email({ code }) of provider "${provider.id}"`;
    if (provider.code !== true && (typeof provider.code !== "object" || provider.code === null)) {
      throw new InvalidConfiguration(`${option}: \`code\` is true, false or { maxAge, maxAttempts }; got ${JSON.stringify(provider.code)}.`);
    }
    assertCodeStore(adapter, option);
    codes.set(provider.id, codeLimits(option, provider.code));
  }
  return codes;
}
