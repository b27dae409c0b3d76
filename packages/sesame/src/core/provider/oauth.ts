/**
 * What an OAuth 2.0 / OpenID Connect provider is to the core: the options every preset fills in, and the
 * default mapping of a profile to a user. Presets (`providers/*`) build these; core/oauth/ drives them.
 */
import type { Awaitable, Profile, SignInUser } from "../types.js";

/** Where a provider posts the name, and how to read it from the field's value (a provider's `postedName`). */
export interface PostedNameField {
  field: string;
  read(value: string): string | null | undefined;
}

/** What the token endpoint returned, with `expires_at` (seconds since the epoch) worked out. */
export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in?: number;
  expires_at?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
  [parameter: string]: unknown;
}

/** How the client authenticates at the token endpoint. Default: `"client_secret_basic"`. */
export type ClientAuthMethod = "client_secret_basic" | "client_secret_post" | "none";

/** A `fetch` with the provider's time-out applied, for custom `userinfo.request` implementations. */
export type ProviderFetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * An OAuth 2.0 / OpenID Connect provider: what the presets return, and what `OAuth()` / `OIDC()` take.
 * `clientId`, `clientSecret` and `issuer` default to `AUTH_<ID>_ID`, `_SECRET`, `_ISSUER`.
 *
 * @example
 * ```ts
 * const provider: OAuthProvider = { id: "acme", name: "Acme", type: "oidc", issuer: "https://id.acme.com" };
 * ```
 */
export interface OAuthProvider<P extends Profile = Profile> {
  id: string;
  name: string;
  /** `"oidc"`: discovery, ID token, nonce. `"oauth"`: plain OAuth 2.0, the profile comes from `userinfo`. */
  type: "oidc" | "oauth";
  /**
   * The `type` that `GET /providers` lists, for a preset Auth.js lists with another one than the flow
   * Sesame uses (Auth.js lists GitLab as `"oauth"`; Sesame signs in with OpenID Connect). Default: `type`.
   */
  listedType?: "oidc" | "oauth";
  /** The issuer: OIDC discovery starts here, and the `iss` of responses must match it. Env: `AUTH_<ID>_ISSUER`. */
  issuer?: string;
  /**
   * The address of the OpenID Connect discovery document, for a provider whose document does not sit at
   * `<issuer>/.well-known/openid-configuration` (next-auth 4's `wellKnown`; Azure AD B2C). Read only when
   * there is no `issuer`: the issuer is then the one the document names, which must be on the document's own
   * origin, and responses are held to it.
   */
  wellKnown?: string;
  /** Env: `AUTH_<ID>_ID`. */
  clientId?: string;
  /** Env: `AUTH_<ID>_SECRET`. Leave out for a public client, which relies on PKCE alone. */
  clientSecret?: string;
  /** How the client authenticates at the token endpoint. Default: `client_secret_basic`, or `none` without a secret. */
  clientAuth?: ClientAuthMethod;
  /**
   * The name of the client id parameter in the authorization request, for providers that do not call it
   * `client_id` (TikTok's `client_key`, WeChat's `appid`). Default: `client_id`.
   */
  clientIdParameter?: string;
  /** The authorization endpoint (default: from discovery) and extra parameters, e.g. `{ access_type: "offline" }`. */
  authorization?: string | { url?: string; params?: Record<string, string> };
  /** The token endpoint, when not in discovery. */
  token?: string | { url?: string };
  /**
   * The userinfo endpoint, or a function that fetches the profile for providers that need several calls
   * (`clientId`: for APIs that want the client named in every request).
   */
  userinfo?: string | { url?: string; request?(context: { tokens: TokenSet; fetch: ProviderFetch; clientId: string }): Promise<P> };
  /** Default: `["pkce", "state", "nonce"]` for OIDC, `["pkce", "state"]` for OAuth. */
  checks?: Array<"pkce" | "state" | "nonce">;
  /** `form_post` for providers that post the callback (Apple). Default: `query`. */
  responseMode?: "query" | "form_post";
  /** The algorithm the ID token must be signed with. Default: `RS256`. */
  idTokenSignedResponseAlg?: string;
  /**
   * Maps the provider's profile (the ID token's claims and the userinfo response, nothing the browser
   * sent) to the user. Default: `sub` (or `id`), `name`, `email`, `picture`, and `emailVerified` from
   * `email_verified === true`. Set `emailVerified: true` only for what the provider guarantees.
   */
  profile?(profile: P, tokens: TokenSet): Awaitable<SignInUser>;
  /**
   * A display name the provider posts beside the code instead of putting it in the ID token (Apple's
   * `user` field, sent on the first sign-in only). Read only with `responseMode: "form_post"`, only from
   * the POST body (a field of that name in the query string is ignored), and used only as the name of the
   * user this sign-in creates: never as an id or an email, since the browser can post anything here.
   * Default: none.
   *
   * @example
   * ```ts
   * postedName: { field: "user", read: (value) => JSON.parse(value).name?.firstName ?? null }
   * ```
   */
  postedName?: PostedNameField;
  /** Seconds before a request to the provider is abandoned. Default: 10. */
  timeoutSeconds?: number;
  /**
   * @deprecated Milliseconds: use `timeoutSeconds`. Still read (divided by 1 000, with a warning logged once
   * when the config is resolved); setting both is a configuration error.
   */
  timeout?: number;
  /** Replaces `fetch` for every request to the provider (proxies, instrumentation). */
  fetch?: typeof fetch;
  /** Allow `http:` endpoints. For a provider on this machine in development and tests only. */
  allowInsecureRequests?: boolean;
  /**
   * With an adapter: let a new account of this provider join the existing user with the same email. It
   * joins only when both addresses are verified (this sign-in's `emailVerified`, and the existing user's
   * `emailVerified` date); otherwise the sign-in is refused with `OAuthAccountNotLinked`. Default: `false`.
   *
   * @example
   * ```ts
   * Google({ allowDangerousEmailAccountLinking: true })
   * ```
   */
  allowDangerousEmailAccountLinking?: boolean;
  /** On sign-out, also end the session at the provider (OIDC RP-initiated logout), when it supports it. */
  endSessionOnSignOut?: boolean;
  /**
   * On a re-authentication (step-up: a sign-in with `maxAge`), also send `prompt=login`, for a provider that
   * honours it but not `max_age`. Default: `prompt=login` only for `maxAge: 0`. The ID token's `auth_time`
   * is checked either way.
   */
  promptLoginOnStepUp?: boolean;
}

/** The standard OpenID Connect claims most providers send. */
export interface StandardClaims extends Profile {
  sub: string;
  name?: string;
  nickname?: string;
  preferred_username?: string;
  email?: string;
  email_verified?: boolean;
  picture?: string;
}

/**
 * The default profile mapping: the standard OpenID Connect claims (`sub`, `name` or else
 * `preferred_username` / `nickname`, `email`, `picture`), and `id` for plain OAuth APIs. The email counts
 * as verified only with `email_verified: true` (OpenID Connect Core §5.1); absent, `false` or anything
 * else, it does not.
 *
 * @example
 * ```ts
 * import { OAuth, standardProfile } from "sesame-auth/providers/oauth";
 * // An API whose user id is `user_id`; everything else is standard.
 * OAuth({ ...endpoints, profile: (p) => ({ ...standardProfile(p), id: String(p.user_id) }) })
 * ```
 */
export function standardProfile(profile: Profile): SignInUser {
  const id = profile.sub ?? (profile.id as string | number | undefined);
  return {
    id: id === undefined || id === null ? undefined : String(id),
    name: profile.name ?? (profile.preferred_username as string | undefined) ?? (profile.nickname as string | undefined) ?? null,
    email: profile.email ?? null,
    emailVerified: profile.email_verified === true,
    image: (profile.picture as string | undefined) ?? profile.image ?? null,
  };
}
