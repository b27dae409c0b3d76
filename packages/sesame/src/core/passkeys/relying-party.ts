/**
 * The relying party a ceremony runs for: the RP ID passkeys are bound to and the origins they may be used
 * on. Configured (`Passkey({ rpID, origins })`), or the app's own origin as the configuration trusts it for
 * things that outlive the request — `AUTH_URL`, a host of `allowedHosts`, a loopback host in development —
 * never a `Host` / `X-Forwarded-Host` header alone: a passkey stays bound to its RP ID for good.
 */
import { ipAddressRpID, isIpAddress, type ResolvedPasskeys } from "../config/passkeys.js";
import type { RequestContext } from "../context.js";
import { InvalidConfiguration } from "../errors.js";
import { trustedOrigin } from "../link-origin.js";

export interface RelyingParty {
  /** The RP ID: a domain, the origins' host or a parent of it. */
  id: string;
  /** The app's name as authenticators show it. */
  name: string;
  /** The origins a ceremony's `clientDataJSON` may name. */
  origins: string[];
}

const PASSKEYS = {
  what: "A passkey's RP ID and origin",
  refused: "no passkey ceremony was started",
  otherwise: ", or give them to the provider (`Passkey({ origins: [\"https://example.com\"] })`)",
};

export function relyingParty(context: RequestContext, passkeys: ResolvedPasskeys): RelyingParty {
  if (passkeys.origins && passkeys.rpID) {
    return { id: passkeys.rpID, name: passkeys.rpName ?? passkeys.rpID, origins: [...passkeys.origins] };
  }
  const origin = trustedOrigin(context, PASSKEYS);
  const { hostname } = new URL(origin);
  // Known only per request (AUTH_URL on an IP, or a loopback request to 127.0.0.1 in development): options
  // with an IP address as RP ID would only fail in the browser, with a message that does not say why.
  if (!passkeys.rpID && isIpAddress(hostname)) throw new InvalidConfiguration(ipAddressRpID(origin));
  const id = passkeys.rpID ?? hostname;
  // Checked here, not at start: without `origins`, the origin is known only once a request names it.
  if (hostname !== id && !hostname.endsWith(`.${id}`)) {
    throw new InvalidConfiguration(`Passkey({ rpID: "${id}" }) does not cover the app's origin ${origin}: browsers refuse a ceremony there. Set \`rpID\` to its host or a parent domain of it.`);
  }
  return { id, name: passkeys.rpName ?? id, origins: [origin] };
}
