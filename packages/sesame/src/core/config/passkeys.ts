/**
 * The passkeys of a configuration (`Passkey()`), checked once when it is resolved: one provider, an adapter
 * that keeps factors and single-use challenges, and a relying party that browsers will accept. A wrong RP ID
 * or origin is a configuration error at start, not a registration that fails in production — or worse,
 * passkeys registered under an RP ID that later has to change and takes them all with it.
 */
import { FACTOR_METHODS, type Adapter, type FactorAdapter } from "../adapter.js";
import { InvalidConfiguration } from "../errors.js";
import { bounded } from "./bounded.js";
import { isLoopback } from "../loopback.js";
import type { PasskeyProvider } from "../provider/passkey.js";
import type { Provider } from "../provider/provider.js";

/** The passkeys setup the passkey routes work with. */
export interface ResolvedPasskeys {
  provider: PasskeyProvider;
  adapter: FactorAdapter;
  /** The configured RP ID; `undefined`: the host of the app's trusted origin, per request. */
  rpID: string | undefined;
  rpName: string | undefined;
  /** The configured origins; `undefined`: the app's trusted origin, per request. */
  origins: readonly string[] | undefined;
  reauthenticateAfterSeconds: number;
  challengeMaxAgeSeconds: number;
}

const DEFAULT_REAUTHENTICATE_AFTER_SECONDS = 300;
const DEFAULT_CHALLENGE_MAX_AGE_SECONDS = 300;

export function resolvePasskeys(providers: ReadonlyMap<string, Provider>, adapter: Adapter | undefined): ResolvedPasskeys | undefined {
  const [provider, second] = [...providers.values()].filter((p): p is PasskeyProvider => p.type === "webauthn");
  if (!provider) return undefined;
  if (second) throw new InvalidConfiguration(`Two Passkey() providers ("${provider.id}", "${second.id}"): an app has one set of passkeys.`);
  const missing = FACTOR_METHODS.filter((name) => typeof adapter?.[name] !== "function");
  if (!adapter || missing.length) {
    throw new InvalidConfiguration(
      adapter
        ? `Passkey() keeps passkeys through the adapter, which lacks ${missing.map((m) => `\`${m}\``).join(", ")}. Sesame's SqlAdapter and MemoryAdapter have them (an Auth.js adapter does not: see docs/passkeys.md).`
        : "Passkey() keeps each user's passkeys in the database: configure an `adapter` (e.g. SqlAdapter).",
    );
  }
  const { rpID, rpName, origins, reauthenticateAfter, challengeMaxAge } = provider.passkeys;
  const id = rpID === undefined ? undefined : checkedRpID(rpID);
  const configured = origins === undefined ? undefined : checkedOrigins(origins, id);
  if (rpName !== undefined && (typeof rpName !== "string" || rpName.trim() === "")) throw new InvalidConfiguration("Passkey({ rpName }) is the app's name as authenticators show it: a non-empty string.");
  return {
    provider,
    adapter: adapter as FactorAdapter,
    rpID: configured?.rpID ?? id,
    rpName,
    origins: configured?.origins,
    reauthenticateAfterSeconds: bounded("Passkey({ reauthenticateAfter })", reauthenticateAfter, DEFAULT_REAUTHENTICATE_AFTER_SECONDS, [0, 86_400], "seconds"),
    challengeMaxAgeSeconds: bounded("Passkey({ challengeMaxAge })", challengeMaxAge, DEFAULT_CHALLENGE_MAX_AGE_SECONDS, [30, 3_600], "seconds"),
  };
}


/**
 * Whether `host` (a URL's `hostname`) is an IP address. Browsers take only a domain as RP ID: a ceremony for
 * "127.0.0.1" fails in Chromium with SecurityError "This is an invalid domain", loopback or not.
 */
export function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes("[") || host.includes(":");
}

/** The message for an RP ID that would be an IP address, taken from the app's origin `origin`. */
export function ipAddressRpID(origin: string): string {
  return (
    `Passkeys need a domain as RP ID, and the app's origin ${origin} is an IP address: browsers refuse a ceremony there. ` +
    "Open the app on a name instead (http://localhost:<port> in development, with AUTH_URL to match), or set `Passkey({ rpID, origins })`."
  );
}

/** A domain, as browsers accept for an RP ID: a host name without scheme, port or path; never an IP address. */
function checkedRpID(rpID: unknown): string {
  const host = typeof rpID === "string" ? rpID.trim().toLowerCase() : "";
  let parsed: string | undefined;
  try {
    parsed = new URL(`https://${host}`).hostname;
  } catch {
    parsed = undefined;
  }
  if (!host || parsed !== host || isIpAddress(host)) {
    throw new InvalidConfiguration(`Passkey({ rpID }) is a domain, the app's host or a parent of it ("example.com"), without scheme, port or path; got ${JSON.stringify(rpID)}.`);
  }
  return host;
}

/**
 * The origins, each exactly an origin (scheme, host, port), in a secure context (https, or http on a
 * loopback host), and each within the RP ID — the rule browsers apply before they will run a ceremony —
 * with the RP ID (`rpID`, else the first origin's host).
 */
function checkedOrigins(origins: unknown, rpID: string | undefined): { origins: string[]; rpID: string } {
  const [first] = Array.isArray(origins) ? origins : [];
  if (!Array.isArray(origins) || first === undefined) throw new InvalidConfiguration('Passkey({ origins }) lists the app\'s origins, e.g. ["https://example.com"].');
  const checked = origins.map((entry: unknown) => {
    let url: URL | undefined;
    try {
      url = typeof entry === "string" ? new URL(entry) : undefined;
    } catch {
      url = undefined;
    }
    if (!url || url.origin !== entry) throw new InvalidConfiguration(`Passkey({ origins }) entry ${JSON.stringify(entry)} is not an origin: write it as "https://example.com" (with ":port" when not the default), without a path.`);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
      throw new InvalidConfiguration(`Passkey({ origins }) entry ${JSON.stringify(entry)}: browsers run passkeys on https only (and http on localhost).`);
    }
    return url;
  });
  const id = rpID ?? new URL(String(first)).hostname;
  // Without `rpID`, the first origin's host is the RP ID, and it must be a domain as much as a configured one.
  if (!rpID && isIpAddress(id)) throw new InvalidConfiguration(ipAddressRpID(new URL(String(first)).origin));
  const outside = checked.find((url) => url.hostname !== id && !url.hostname.endsWith(`.${id}`));
  if (outside) throw new InvalidConfiguration(`Passkey({ origins }) entry "${outside.origin}" is not within the RP ID "${id}": browsers refuse a ceremony there. Set \`rpID\` to a domain every origin is within.`);
  return { origins: checked.map((url) => url.origin), rpID: id };
}
