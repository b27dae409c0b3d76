/**
 * The shared factory behind the provider presets. Most providers are plain OAuth 2.0 or OpenID Connect and
 * differ only in facts — endpoints, scopes, client authentication, checks, and where the user's id, name,
 * email and picture sit in their profile — so a preset is those facts, declared once (`preset({...})`), and
 * this module turns them into the `OAuthProvider` the core drives. Quirks that are still facts (a token
 * request the provider wants as JSON or as a GET, a token response without `token_type`) are declared as
 * small rewrites of the token exchange; anything else is a preset's own `profile` or `userinfo.request`.
 */
import { InvalidConfiguration } from "../core/errors.js";
import type { Profile, SignInUser } from "../core/types.js";
import type { OAuthProvider, ProviderFetch, TokenSet } from "./oauth.js";

/**
 * A dotted path into a profile (`kakao_account.profile.nickname`, `images.0.url`), or several, the first
 * present wins; `first_name+last_name` joins the parts present with a space.
 */
export type ProfilePath = string | readonly string[];

/**
 * Where the user's fields sit in a provider's profile (the ID token's claims merged with userinfo, or the
 * user endpoint's JSON). `emailVerified` says what the provider guarantees about the email: `"never"`
 * (unverified: the safe default), `"always"` (the provider only ever returns addresses it verified, by its
 * documentation), or a path to a claim that must be `true` (or `"true"`); several paths must all be.
 *
 * @example
 * ```ts
 * const fields: ProfileFields = { id: "id", name: ["display_name", "login"], email: "email", image: "images.0.url", emailVerified: "never" };
 * ```
 */
export interface ProfileFields {
  /** The profile object itself, when the provider wraps it (`data` for X, `response` for Naver). */
  root?: string;
  id: ProfilePath;
  name?: ProfilePath;
  email?: ProfilePath;
  image?: ProfilePath;
  emailVerified: "never" | "always" | { claim: ProfilePath };
}

/**
 * The standard OpenID Connect claims: `sub`, `name` (else `preferred_username`, `nickname`), `email`,
 * `picture`; the email verified when `email_verified` is true.
 *
 * @example
 * ```ts
 * preset({ id: "corp", name: "Corp", type: "oidc", profile: standardClaims, docs: { refresh: true } })
 * ```
 */
export const standardClaims: ProfileFields = {
  id: "sub",
  name: ["name", "preferred_username", "nickname"],
  email: "email",
  image: "picture",
  emailVerified: { claim: "email_verified" },
};

/** The rows of the generated providers table (docs/providers.md) that the facts alone cannot tell. */
export interface PresetDocs {
  /** Whether the provider issues refresh tokens (possibly only with an extra scope or parameter, said in `note`). */
  refresh: boolean;
  /** Which user fields the preset fills, when its `profile` is a function (default: all four) or fills more than the fields say. */
  returns?: string;
  /** For a preset with its own `profile` function: what the email verified guarantee is. */
  emailVerified?: string;
  /** Anything an app must know: options, required settings, limits. */
  note?: string;
}

/** What a token request looks like to a preset's `tokenRequest` rewrite. */
export interface TokenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: URLSearchParams;
}

/**
 * The facts of one provider, from its own documentation.
 *
 * @example
 * ```ts
 * preset({
 *   id: "acme", name: "Acme", type: "oauth",
 *   authorization: { url: "https://acme.example/oauth/authorize", params: { scope: "profile email" } },
 *   token: "https://acme.example/oauth/token", userinfo: "https://api.acme.example/me",
 *   profile: { id: "id", name: "name", email: "email", image: "avatar", emailVerified: "never" },
 *   docs: { refresh: true },
 * })
 * ```
 */
export interface PresetFacts<P extends Profile = Profile, X extends object = Record<never, never>> extends Omit<OAuthProvider<P>, "profile" | "clientId" | "clientSecret" | "fetch"> {
  /**
   * Options of this preset beyond the provider options (next-auth's `tenantId`, `connection`…), each turned
   * into provider settings from its value and the facts; options the app passes as well still win.
   */
  options?: { [K in keyof X]-?: (value: NonNullable<X[K]>, facts: PresetFacts<P, X>) => Partial<OAuthProvider<P>> };
  /** The profile mapping: where the fields sit, or a function for anything else. */
  profile: ProfileFields | ((profile: P, tokens: TokenSet) => SignInUser);
  /**
   * Endpoints (`authorization`, `token`, `userinfo`) that start with `/` are on the instance the app names
   * with `issuer` (or `AUTH_<ID>_ISSUER`): self-hosted servers (Mastodon, Nextcloud, Mattermost…).
   */
  instance?: true;
  /**
   * Rewrites the token request for providers that want it otherwise (JSON, a GET, other parameter names, a
   * parameter the standard request lacks); `provider` is the provider as built, options applied.
   */
  tokenRequest?(request: TokenRequest, provider: OAuthProvider<P>): { url: string; init: RequestInit };
  /** Normalises a token response the provider shapes otherwise (no `token_type`, errors with status 200). */
  tokenResponse?(body: Record<string, unknown>): Record<string, unknown>;
  docs: PresetDocs;
}

/** What the providers table says of a preset, as `preset()` records it on the factory. */
export interface PresetInfo {
  id: string;
  name: string;
  protocol: "OpenID Connect" | "OAuth 2.0";
  /** The user fields the profile mapping fills. */
  returns: string;
  refresh: boolean;
  emailVerified: string;
  clientAuth: string;
  checks: string;
  note?: string;
}

/**
 * A preset: called with options (any provider option overrides the preset's), it returns the provider;
 * `info` is what docs/providers.md lists.
 *
 * @example
 * ```ts
 * import Spotify from "sesame-auth/providers/spotify";
 * Spotify({ authorization: { params: { scope: "user-read-email playlist-read-private" } } });
 * ```
 */
export type Preset<P extends Profile = Profile, X extends object = Record<never, never>> = ((options?: Partial<OAuthProvider<P>> & X) => OAuthProvider<P>) & { readonly info: PresetInfo };

/**
 * The value at a dotted path of a profile, `undefined` when any step is missing.
 *
 * @example
 * ```ts
 * claimAt({ images: [{ url: "https://i.example/1.png" }] }, "images.0.url"); // "https://i.example/1.png"
 * ```
 */
export function claimAt(profile: unknown, path: string): unknown {
  let value: unknown = profile;
  for (const step of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

function first(profile: unknown, paths: ProfilePath | undefined): string | null {
  for (const path of typeof paths === "string" ? [paths] : (paths ?? [])) {
    const value = path.includes("+")
      ? path
          .split("+")
          .map((part) => claimAt(profile, part))
          .filter((part) => typeof part === "string" && part !== "")
          .join(" ")
      : claimAt(profile, path);
    if ((typeof value === "string" && value !== "") || typeof value === "number" || typeof value === "bigint") return String(value);
  }
  return null;
}

/**
 * Maps a profile by its `ProfileFields`; what the presets' declarative mappings run.
 *
 * @example
 * ```ts
 * mapProfile({ data: { id: "12", name: "Ada" } }, { root: "data", id: "id", name: "name", emailVerified: "never" });
 * // { id: "12", name: "Ada", email: null, image: null, emailVerified: false }
 * ```
 */
export function mapProfile(profile: unknown, fields: ProfileFields): SignInUser {
  const root = fields.root ? claimAt(profile, fields.root) : profile;
  const email = first(root, fields.email);
  const verified = fields.emailVerified;
  const claims = typeof verified === "object" ? (typeof verified.claim === "string" ? [verified.claim] : verified.claim) : [];
  const emailVerified = email !== null && (verified === "always" || (claims.length > 0 && claims.every((path) => [true, "true"].includes(claimAt(root, path) as never))));
  return { id: first(root, fields.id) ?? undefined, name: first(root, fields.name), email, image: first(root, fields.image), emailVerified };
}

/**
 * GETs (or POSTs) a provider's JSON API with the access token, for presets whose user endpoint needs more
 * than a Bearer GET (a token in the path, another authorization scheme, extra headers). Throws when the
 * API does not answer a JSON object with a 2xx status.
 *
 * @example
 * ```ts
 * userinfo: { url, request: ({ tokens, fetch }) => fetchJson(fetch, url, { headers: { authorization: `OAuth ${tokens.access_token}` } }) }
 * ```
 */
export async function fetchJson(fetch: ProviderFetch, url: string, init: RequestInit = {}): Promise<Profile> {
  const response = await fetch(url, { ...init, headers: { accept: "application/json", ...(init.headers as Record<string, string>) } });
  if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
  const body: unknown = await response.json();
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error(`${new URL(url).host} did not answer a JSON object`);
  return body as Profile;
}

/**
 * A `tokenRequest` rewrite for providers whose token endpoint takes a GET with the parameters in the query
 * (WeChat, Foursquare), under the names the provider uses (`{ client_id: "appid" }`).
 *
 * @example
 * ```ts
 * preset({ ...facts, clientAuth: "client_secret_post", tokenRequest: tokenAsQuery({ client_id: "appid", client_secret: "secret" }) })
 * ```
 */
export function tokenAsQuery(names: Record<string, string> = {}): NonNullable<PresetFacts["tokenRequest"]> {
  return ({ url, body }) => {
    const query = new URLSearchParams([...body].map(([name, value]) => [names[name] ?? name, value]));
    return { url: `${url}${url.includes("?") ? "&" : "?"}${query}`, init: { method: "GET", body: null, headers: { accept: "application/json" } } };
  };
}

/**
 * A `tokenRequest` rewrite for providers whose token endpoint takes a JSON body (Notion, Trakt); the
 * client's authorization header, if any, is kept.
 *
 * @example
 * ```ts
 * preset({ ...facts, tokenRequest: tokenAsJson })
 * ```
 */
export function tokenAsJson({ url, headers, body }: TokenRequest): { url: string; init: RequestInit } {
  const authorization = headers.get("authorization");
  return {
    url,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...(authorization && { authorization }) },
      body: JSON.stringify(Object.fromEntries(body)),
    },
  };
}

/**
 * An environment variable, where the runtime has `process.env` (undefined elsewhere): for preset options
 * beyond the client id, secret and issuer (Bungie's API key).
 *
 * @example
 * ```ts
 * const apiKey = options.apiKey ?? env("AUTH_BUNGIE_API_KEY");
 * ```
 */
export function env(name: string): string | undefined {
  const process = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return process?.env?.[name];
}

/**
 * The authorization endpoint of `facts` with more query parameters: what a preset option like WorkOS's
 * `connection` turns into.
 *
 * @example
 * ```ts
 * options: { connection: (connection, facts) => ({ authorization: withParams(facts.authorization, { connection }) }) }
 * ```
 */
export function withParams(authorization: OAuthProvider["authorization"], params: Record<string, string>): { url?: string; params?: Record<string, string> } {
  const current = typeof authorization === "string" ? { url: authorization } : (authorization ?? {});
  return { ...current, params: { ...current.params, ...params } };
}

/**
 * A preset's authorization endpoint and parameters with what the app passed: an object adds its `params` to
 * the preset's (and replaces the `url` if it names one), as Auth.js merges it, so that an app changing the
 * scope keeps the endpoint; a string replaces them.
 *
 * @example
 * ```ts
 * withAuthorization({ url: "https://acme.example/authorize", params: { scope: "a" } }, { params: { scope: "b", prompt: "consent" } });
 * // { url: "https://acme.example/authorize", params: { scope: "b", prompt: "consent" } }
 * ```
 */
export function withAuthorization(preset: OAuthProvider["authorization"], given: OAuthProvider["authorization"]): OAuthProvider["authorization"] {
  if (typeof given !== "object") return given ?? preset;
  const merged = withParams(preset, given.params ?? {});
  return given.url ? { ...merged, url: given.url } : merged;
}

function onInstance<T>(endpoint: T, base: string | undefined, id: string): T {
  const url = typeof endpoint === "string" ? endpoint : (endpoint as { url?: unknown } | undefined)?.url;
  if (typeof url !== "string" || !url.startsWith("/")) return endpoint;
  if (!base) throw new InvalidConfiguration(`Provider "${id}" needs the server it runs on: pass \`issuer\` or set AUTH_${id.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_ISSUER.`);
  const absolute = base.replace(/\/$/, "") + url;
  return (typeof endpoint === "string" ? absolute : { ...endpoint, url: absolute }) as T;
}

/** The provider's `fetch`, with the preset's token request and response rewrites around the token endpoint. */
function tokenQuirks<P extends Profile, X extends object>(facts: PresetFacts<P, X>, built: OAuthProvider<P>): typeof fetch | undefined {
  const { tokenRequest, tokenResponse } = facts;
  const base = built.fetch;
  if (!tokenRequest && !tokenResponse) return base;
  const tokenUrl = typeof built.token === "string" ? built.token : built.token?.url;
  return async (input, init = {}) => {
    const next = base ?? fetch;
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    // The token request: to the preset's token endpoint, or (OpenID Connect, endpoint from discovery) the grant.
    const grant = init.body instanceof URLSearchParams && init.body.has("grant_type");
    if (!grant || (tokenUrl !== undefined && url !== tokenUrl)) return next(input, init);
    const body = init.body as URLSearchParams;
    const request = tokenRequest?.({ url, method: init.method ?? "POST", headers: new Headers(init.headers), body }, built) ?? { url, init };
    const response = await next(request.url, { ...init, ...request.init });
    if (!tokenResponse) return response;
    // Some answer JSON as text/plain (WeChat): the body is read as JSON whatever its content type.
    let parsed: unknown;
    try {
      parsed = JSON.parse(await response.clone().text());
    } catch {
      return response;
    }
    if (typeof parsed !== "object" || parsed === null) return response;
    const answer = tokenResponse(parsed as Record<string, unknown>);
    const status = typeof answer.error === "string" && response.ok ? 400 : response.status;
    return new Response(JSON.stringify(answer), { status, headers: { "content-type": "application/json" } });
  };
}

function describeFields(fields: ProfileFields): { returns: string; emailVerified: string } {
  const returns = ["id", ...(["name", "email", "image"] as const).filter((field) => fields[field] !== undefined)].join(", ");
  const verified = fields.emailVerified;
  const emailVerified = fields.email === undefined
    ? "no email"
    : verified === "never"
      ? "never"
      : verified === "always"
        ? "always (the provider returns verified addresses only)"
        : `when ${[verified.claim].flat().map((claim) => `\`${claim}\``).join(" and ")} is true`;
  return { returns, emailVerified };
}

/**
 * What the providers table (docs/providers.md) says of a provider, from its facts: `preset()` records it
 * as the factory's `info`; hand-written presets (GitHub, Microsoft Entra ID) call it themselves.
 *
 * @example
 * ```ts
 * presetInfo({ id: "acme", name: "Acme", type: "oidc", profile: standardClaims, docs: { refresh: true } }).emailVerified;
 * // "when `email_verified` is true"
 * ```
 */
export function presetInfo(facts: Pick<PresetFacts, "id" | "name" | "type" | "clientAuth" | "checks" | "docs"> & { profile: PresetFacts["profile"] | ((...args: never[]) => unknown) }): PresetInfo {
  const { profile, docs } = facts;
  const described = typeof profile === "function" ? { returns: docs.returns ?? "id, name, email, image", emailVerified: docs.emailVerified ?? "never" } : describeFields(profile);
  const checks = facts.checks ?? (facts.type === "oidc" ? ["pkce", "state", "nonce"] : ["pkce", "state"]);
  return {
    id: facts.id,
    name: facts.name,
    protocol: facts.type === "oidc" ? "OpenID Connect" : "OAuth 2.0",
    ...described,
    ...(docs.returns && { returns: docs.returns }),
    ...(docs.emailVerified && { emailVerified: docs.emailVerified }),
    refresh: docs.refresh,
    clientAuth: facts.clientAuth ?? "client_secret_basic",
    checks: checks.join(", "),
    ...(docs.note && { note: docs.note }),
  };
}

/**
 * Declares a preset from its provider's facts. Options passed to the preset override any fact; the client
 * id, secret and issuer come from `AUTH_<ID>_ID` / `_SECRET` / `_ISSUER` when not passed.
 *
 * @example
 * ```ts
 * import { preset } from "sesame-auth/providers/preset";
 * export const Acme = preset({
 *   id: "acme", name: "Acme", type: "oauth",
 *   authorization: { url: "https://acme.example/oauth/authorize", params: { scope: "profile" } },
 *   token: "https://acme.example/oauth/token", userinfo: "https://api.acme.example/me",
 *   profile: { id: "id", name: "name", emailVerified: "never" },
 *   docs: { refresh: false },
 * });
 * ```
 */
export function preset<P extends Profile = Profile, X extends object = Record<never, never>>(facts: PresetFacts<P, X>): Preset<P, X> {
  const { profile, instance, tokenRequest: _request, tokenResponse: _response, docs: _docs, options: own = {}, ...provider } = facts;
  const mapping = typeof profile === "function" ? profile : (p: P) => mapProfile(p, profile);
  const make = (given: Partial<OAuthProvider<P>> & X = {} as Partial<OAuthProvider<P>> & X): OAuthProvider<P> => {
    const passed = given as Record<string, unknown>;
    let settings: Partial<OAuthProvider<P>> = {};
    for (const [name, apply] of Object.entries(own) as Array<[string, (value: unknown, facts: PresetFacts<P, X>) => Partial<OAuthProvider<P>>]>) {
      const value = passed[name];
      if (value !== undefined && value !== null) settings = { ...settings, ...apply(value, facts) };
    }
    const options = Object.fromEntries(Object.entries(passed).filter(([name]) => !(name in own))) as Partial<OAuthProvider<P>>;
    let built: OAuthProvider<P> = { ...provider, profile: mapping, ...settings, ...options };
    // `authorization: { params: { scope } }` adds to the preset's endpoint and parameters instead of dropping the endpoint.
    if (options.authorization !== undefined) built.authorization = withAuthorization(settings.authorization ?? provider.authorization, options.authorization);
    if (instance) {
      const base = options.issuer ?? env(`AUTH_${facts.id.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_ISSUER`);
      built = { ...built, authorization: onInstance(built.authorization, base, facts.id), token: onInstance(built.token, base, facts.id), userinfo: onInstance(built.userinfo, base, facts.id) };
    }
    const fetch = tokenQuirks(facts, built);
    return fetch ? { ...built, fetch } : built;
  };
  return Object.assign(make, { info: presetInfo(facts) });
}
