/**
 * The origin of something that outlives the request: a link that leaves the app in a message (the email
 * sign-in link), or the relying party passkeys are bound to. Such a link is followed later, by someone else
 * than the requester: if its origin came from a header the requester controls (`X-Forwarded-Host`), an
 * attacker could ask for a link to the victim's address and have the victim's own valid token mailed to them
 * inside a link to the attacker's server. A passkey's RP ID is forever: every passkey registered under it
 * stops working if it changes. So either comes from `AUTH_URL`, or from the request only when its host is
 * explicitly allowed.
 */
import type { RequestContext } from "./context.js";
import { InvalidRequest, UntrustedHost } from "./errors.js";
import { isLoopback } from "./loopback.js";

/** What the origin is for, in the words its refusals use. */
export interface OriginUse {
  /** The subject of the refusals, e.g. "Email sign-in links". */
  what: string;
  /** What did not happen when the request's host is not allowed, e.g. "no sign-in link was sent". */
  refused: string;
  /** Another way to configure the origin, added to the refusals that ask for configuration. */
  otherwise?: string;
}

const EMAIL_LINKS: OriginUse = { what: "Email sign-in links", refused: "no sign-in link was sent" };

/** The origin to build mailed links on. Throws when it would come from an unvetted request header. */
export function linkOrigin(context: RequestContext): string {
  return trustedOrigin(context, EMAIL_LINKS);
}

/**
 * The app's origin from `AUTH_URL`, or the request's when `allowedHosts` lists its host (or, outside
 * production with neither set, when it is a loopback host). Throws when it would come from an unvetted
 * request header.
 */
export function trustedOrigin(context: RequestContext, { what, refused, otherwise = "" }: OriginUse): string {
  const { authUrl, allowedHosts, production } = context.config;
  if (authUrl) return authUrl.origin;
  if (production && !allowedHosts) {
    throw new UntrustedHost(
      `${what} must not be built from the request's Host / X-Forwarded-Host header in production. ` +
        "Set AUTH_URL to the public URL of the app (e.g. AUTH_URL=https://example.com), or list the hosts it " +
        `serves in \`allowedHosts\` (e.g. \`allowedHosts: ["example.com"]\`)${otherwise}.`,
    );
  }
  const requested = new URL(context.origin);
  if (allowedHosts?.has(requested.host)) return production ? `https://${requested.host}` : requested.origin;
  if (allowedHosts) {
    throw new InvalidRequest(`The request's host is not one of \`allowedHosts\`; ${refused}.`);
  }
  // Outside production with nothing configured: a loopback host is the developer's own machine.
  if (isLoopback(requested.hostname)) return requested.origin;
  throw new UntrustedHost(
    `${what} are built from the request's host only for loopback hosts when neither AUTH_URL nor ` +
      `\`allowedHosts\` is set, and this request came for ${JSON.stringify(requested.host)}. Set AUTH_URL to the ` +
      `app's URL, or add the host to \`allowedHosts\` (e.g. \`allowedHosts: [${JSON.stringify(requested.host)}]\`)${otherwise}.`,
  );
}
