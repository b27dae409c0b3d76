/**
 * The fixture table of fixtures.test.ts: one row per preset, with what its provider documents — where the
 * authorization request goes and with which scope, how the client authenticates at the token endpoint,
 * whether PKCE is used — and what its user API answers, with the user the preset must make of it. OpenID
 * Connect rows give the ID token's claims (the stand-in serves discovery, JWKS and userinfo at the issuer).
 */
import type { OAuthProvider } from "../../src/providers/oauth.js";
import type { SignInUser } from "../../src/core/types.js";

export interface Fixture {
  id: string;
  /** A variant's label (a preset signing in with one of its options), shown after the id. */
  variant?: string;
  /** Options the app passes (a tenant's issuer); client id and secret are added by the test. */
  options?: Partial<OAuthProvider>;
  /** The authorization endpoint (origin, path and fragment); OIDC: `<issuer>/authorize` from discovery. */
  authorize?: string;
  /** The `scope` sent; OIDC default `openid profile email`, plain OAuth default none. */
  scope?: string | null;
  params?: Record<string, string>;
  clientIdParameter?: string;
  pkce: boolean;
  /** `false`: an OIDC preset that sends no nonce. */
  nonce?: false;
  /** How the client authenticated: HTTP Basic, in the body, in the query (a GET), or not at all. */
  auth: "basic" | "post" | "query" | "none";
  /** Parameters the token request must carry (under the provider's own names). */
  tokenParams?: Record<string, string>;
  tokenUrl?: string;
  tokenMethod?: string;
  /** Fields the token endpoint answers beside the access token. */
  token?: Record<string, unknown>;
  /** OIDC: the ID token's (and userinfo's) claims. */
  idToken?: Record<string, unknown>;
  /** An ID token signed otherwise than RS256 by the stand-in's key (LINE: HS256 with the client secret), and its issuer. */
  idTokenAlg?: "HS256";
  idTokenIssuer?: string;
  /** Headers the provider's API must be called with (its own authorization scheme, API keys). */
  apiHeaders?: Record<string, string>;
  /** The provider's API: URL (with query) → JSON answer, or a `Response` for anything else (an image, an error). */
  api?: Record<string, unknown>;
  user: SignInUser;
}

type Row = Omit<Fixture, "id">;

const ada = { sub: "u-1", name: "Ada Lovelace", email: "ada@example.com", email_verified: true, picture: "https://img.example/ada.png" };
const adaUser = (emailVerified = true): SignInUser => ({ id: "u-1", name: "Ada Lovelace", email: "ada@example.com", image: "https://img.example/ada.png", emailVerified });
/** An OpenID Connect preset on the standard claims; `issuer` for those the app points at its own server. */
const oidc = (row: Partial<Row> = {}, issuer?: string): Row => ({ pkce: true, auth: "basic", idToken: ada, user: adaUser(), ...(issuer && { options: { issuer } }), ...row });
const tenant = "https://id.example.com/tenant";
/** The same sign-in with the email not confirmed: it must not count as verified. */
const unverified = { idToken: { ...ada, email_verified: false }, user: adaUser(false) };

export const FIXTURES: Record<string, Row> = {
  google: oidc({}, undefined),
  apple: oidc({
    scope: "name email",
    params: { response_mode: "form_post" },
    auth: "post",
    idToken: { sub: "u-1", email: "ada@privaterelay.appleid.com", email_verified: "true" },
    user: { id: "u-1", name: null, email: "ada@privaterelay.appleid.com", image: null, emailVerified: true },
  }),
  auth0: oidc({}, tenant),
  keycloak: oidc(unverified, tenant),
  okta: oidc({}, tenant),
  gitlab: oidc({ options: { baseUrl: "https://gitlab.example.com/" } as Partial<OAuthProvider>, authorize: "https://gitlab.example.com/authorize" }),
  authentik: oidc({}, tenant),
  fusionauth: oidc({ options: { issuer: tenant, tenantId: "t-1" } as Partial<OAuthProvider>, params: { tenantId: "t-1" } }),
  zitadel: oidc({}, tenant),
  "duende-identity-server6": oidc({}, tenant),
  "identity-server4": oidc({}, tenant),
  "ory-hydra": oidc({}, tenant),
  logto: oidc({}, tenant),
  kinde: oidc({}, tenant),
  descope: oidc({}, tenant),
  asgardeo: oidc({}, tenant),
  beyondidentity: oidc({}, tenant),
  frontegg: oidc({}, tenant),
  "ping-id": oidc({}, tenant),
  "united-effects": oidc({}, tenant),
  passage: oidc(unverified, tenant),
  onelogin: oidc({}, tenant),
  cognito: oidc(
    { idToken: { sub: "u-1", "cognito:username": "ada", email: "ada@example.com", email_verified: "true" }, user: { id: "u-1", name: "ada", email: "ada@example.com", image: null, emailVerified: true } },
    "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool",
  ),
  "azure-ad-b2c": oidc(
    { idToken: { sub: "u-1", name: "Ada Lovelace", emails: ["ada@example.com"] }, user: { id: "u-1", name: "Ada Lovelace", email: "ada@example.com", image: null, emailVerified: false } },
    "https://contoso.b2clogin.com/tenant-id/v2.0/",
  ),
  "microsoft-entra-id": oidc({
    options: { tenantId: "contoso" } as Partial<OAuthProvider>,
    idToken: { sub: "pairwise", oid: "object-id", tid: "contoso", name: "Ada Lovelace", preferred_username: "ada@contoso.com" },
    user: { id: "object-id", name: "Ada Lovelace", email: "ada@contoso.com", image: null, emailVerified: false },
  }),
  "azure-ad": oidc({
    options: { tenantId: "contoso" } as Partial<OAuthProvider>,
    idToken: { sub: "pairwise", oid: "object-id", tid: "contoso", name: "Ada Lovelace", email: "ada@contoso.com" },
    user: { id: "object-id", name: "Ada Lovelace", email: "ada@contoso.com", image: null, emailVerified: false },
  }),
  salesforce: oidc({ idToken: { ...ada, sub: "https://login.salesforce.com/id/00D/005", user_id: "005" }, user: { ...adaUser(), id: "005" } }),
  huggingface: oidc(unverified),
  roblox: oidc({ scope: "openid profile", idToken: { sub: "42", nickname: "ada", picture: "https://img.example/ada.png" }, user: { id: "42", name: "ada", email: null, image: "https://img.example/ada.png", emailVerified: false } }),
  battlenet: oidc({ scope: "openid", idToken: { sub: "42", battle_tag: "Ada#1234" }, user: { id: "42", name: "Ada#1234", email: null, image: null, emailVerified: false } }),
  "bankid-no": oidc({ scope: "openid profile", idToken: { sub: "u-1", name: "Ada Lovelace" }, user: { id: "u-1", name: "Ada Lovelace", email: null, image: null, emailVerified: false } }),
  vipps: oidc({ scope: "openid name email" }),
  simplelogin: oidc({}),
  linkedin: oidc({ pkce: false, nonce: false, auth: "post" }),
  slack: oidc({ pkce: false, auth: "post" }),
  twitch: oidc({
    pkce: false,
    auth: "post",
    scope: "openid user:read:email",
    token: { scope: ["openid", "user:read:email"] },
    idToken: { sub: "u-1", preferred_username: "ada", email: "ada@example.com", email_verified: true, picture: "https://img.example/ada.png" },
    user: { ...adaUser(), name: "ada" },
  }),

  github: {
    authorize: "https://github.com/login/oauth/authorize",
    scope: "read:user user:email",
    pkce: true,
    auth: "basic",
    api: {
      "https://api.github.com/user": { id: 1, login: "ada", name: null, email: "public@example.com", avatar_url: "https://img.example/ada.png" },
      "https://api.github.com/user/emails": [{ email: "ada@example.com", primary: true, verified: true }],
    },
    user: { id: "1", name: "ada", email: "ada@example.com", image: "https://img.example/ada.png", emailVerified: true },
  },
  discord: {
    authorize: "https://discord.com/api/oauth2/authorize",
    scope: "identify email",
    pkce: true,
    auth: "basic",
    api: { "https://discord.com/api/users/@me": { id: "80351110224678912", username: "ada", global_name: "Ada", email: "ada@example.com", verified: true, avatar: "abc", discriminator: "0" } },
    user: { id: "80351110224678912", name: "Ada", email: "ada@example.com", image: "https://cdn.discordapp.com/avatars/80351110224678912/abc.png", emailVerified: true },
  },
  "42-school": {
    authorize: "https://api.intra.42.fr/oauth/authorize",
    scope: "public",
    pkce: true,
    auth: "post",
    api: { "https://api.intra.42.fr/v2/me": { id: 7, login: "alovelac", usual_full_name: "Ada Lovelace", email: "ada@student.42.fr", image: { link: "https://img.example/ada.png" } } },
    user: { id: "7", name: "Ada Lovelace", email: "ada@student.42.fr", image: "https://img.example/ada.png", emailVerified: false },
  },
  atlassian: {
    authorize: "https://auth.atlassian.com/authorize",
    scope: "read:me read:account",
    params: { audience: "api.atlassian.com", prompt: "consent" },
    pkce: true,
    auth: "post",
    api: { "https://api.atlassian.com/me": { account_id: "557058:1", name: "Ada Lovelace", email: "ada@example.com", email_verified: true, picture: "https://img.example/ada.png" } },
    user: { ...adaUser(), id: "557058:1" },
  },
  bitbucket: {
    authorize: "https://bitbucket.org/site/oauth2/authorize",
    scope: "account email",
    pkce: true,
    auth: "basic",
    apiHeaders: { authorization: "Bearer at-bitbucket" },
    api: {
      "https://api.bitbucket.org/2.0/user": { uuid: "{u-1}", display_name: "Ada Lovelace", links: { avatar: { href: "https://img.example/ada.png" } } },
      // Bitbucket's paginated list: confirmed and unconfirmed addresses, one of them primary.
      "https://api.bitbucket.org/2.0/user/emails": {
        pagelen: 10,
        values: [
          { type: "email", email: "old@example.com", is_primary: false, is_confirmed: true },
          { type: "email", email: "ada@example.com", is_primary: true, is_confirmed: true },
        ],
      },
    },
    user: { id: "{u-1}", name: "Ada Lovelace", email: "ada@example.com", image: "https://img.example/ada.png", emailVerified: true },
  },
  box: {
    authorize: "https://account.box.com/api/oauth2/authorize",
    pkce: true,
    auth: "post",
    api: { "https://api.box.com/2.0/users/me": { id: "11", name: "Ada Lovelace", login: "ada@example.com", avatar_url: "https://img.example/ada.png" } },
    user: { ...adaUser(false), id: "11" },
  },
  "boxyhq-saml": {
    options: { issuer: "https://jackson.example.com" },
    authorize: "https://jackson.example.com/api/oauth/authorize",
    params: { provider: "saml" },
    pkce: true,
    auth: "basic",
    api: { "https://jackson.example.com/api/oauth/userinfo": { id: "u-1", email: "ada@example.com", firstName: "Ada", lastName: "Lovelace" } },
    user: { id: "u-1", name: "Ada Lovelace", email: "ada@example.com", image: null, emailVerified: false },
  },
  "click-up": {
    authorize: "https://app.clickup.com/api",
    pkce: false,
    auth: "post",
    api: { "https://api.clickup.com/api/v2/user": { user: { id: 12, username: "Ada Lovelace", email: "ada@example.com", profilePicture: "https://img.example/ada.png" } } },
    user: { ...adaUser(false), id: "12" },
  },
  coinbase: {
    authorize: "https://login.coinbase.com/oauth2/auth",
    scope: "wallet:user:email wallet:user:read",
    pkce: true,
    auth: "post",
    api: { "https://api.coinbase.com/v2/user": { data: { id: "u-1", name: "Ada Lovelace", email: "ada@example.com", avatar_url: "https://img.example/ada.png" } } },
    user: adaUser(false),
  },
  concept2: {
    authorize: "https://log.concept2.com/oauth/authorize",
    scope: "user:read",
    pkce: true,
    auth: "post",
    // Concept2 requires the scope again at the token endpoint.
    tokenParams: { scope: "user:read" },
    apiHeaders: { accept: "application/vnd.c2logbook.v1+json" },
    api: { "https://log.concept2.com/api/users/me": { data: { id: 9, username: "Ada Lovelace", email: "ada@example.com", profile_image: "https://img.example/ada.png" } } },
    user: { ...adaUser(false), id: "9" },
  },
  dribbble: {
    authorize: "https://dribbble.com/oauth/authorize",
    scope: "public",
    pkce: true,
    auth: "post",
    api: { "https://api.dribbble.com/v2/user": { id: 3, name: "Ada Lovelace", login: "ada", avatar_url: "https://img.example/ada.png" } },
    user: { id: "3", name: "Ada Lovelace", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  eventbrite: {
    authorize: "https://www.eventbrite.com/oauth/authorize",
    pkce: true,
    auth: "post",
    api: { "https://www.eventbriteapi.com/v3/users/me/": { id: "u-1", name: "Ada Lovelace", emails: [{ email: "ada@example.com", verified: true, primary: true }] } },
    user: { ...adaUser(), image: null },
  },
  faceit: {
    authorize: "https://accounts.faceit.com/accounts",
    params: { redirect_popup: "true" },
    pkce: true,
    auth: "basic",
    api: { "https://api.faceit.com/auth/v1/resources/userinfo": { guid: "u-1", nickname: "Ada Lovelace", email: "ada@example.com", picture: "https://img.example/ada.png" } },
    user: adaUser(false),
  },
  figma: {
    authorize: "https://www.figma.com/oauth",
    scope: "current_user:read",
    pkce: true,
    auth: "basic",
    api: { "https://api.figma.com/v1/me": { id: "u-1", handle: "Ada Lovelace", email: "ada@example.com", img_url: "https://img.example/ada.png" } },
    user: adaUser(false),
  },
  freshbooks: {
    authorize: "https://auth.freshbooks.com/oauth/authorize",
    pkce: true,
    auth: "post",
    api: { "https://api.freshbooks.com/auth/api/v1/users/me": { response: { id: 5, first_name: "Ada", email: "ada@example.com" } } },
    user: { id: "5", name: "Ada", email: "ada@example.com", image: null, emailVerified: false },
  },
  mastodon: {
    options: { issuer: "https://mastodon.example" },
    authorize: "https://mastodon.example/oauth/authorize",
    scope: "profile",
    pkce: true,
    auth: "post",
    api: { "https://mastodon.example/api/v1/accounts/verify_credentials": { id: "109", username: "ada", display_name: "Ada Lovelace", avatar: "https://img.example/ada.png" } },
    user: { id: "109", name: "Ada Lovelace", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  mattermost: {
    options: { issuer: "https://chat.example.com" },
    authorize: "https://chat.example.com/oauth/authorize",
    pkce: true,
    auth: "post",
    api: { "https://chat.example.com/api/v4/users/me": { id: "u-1", username: "ada", nickname: "", email: "ada@example.com" } },
    user: { id: "u-1", name: "ada", email: "ada@example.com", image: null, emailVerified: false },
  },
  medium: {
    authorize: "https://medium.com/m/oauth/authorize",
    scope: "basicProfile",
    pkce: false,
    auth: "post",
    api: { "https://api.medium.com/v1/me": { data: { id: "u-1", name: "Ada Lovelace", imageUrl: "https://img.example/ada.png" } } },
    user: { id: "u-1", name: "Ada Lovelace", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  netlify: {
    authorize: "https://app.netlify.com/authorize",
    pkce: true,
    auth: "post",
    api: { "https://api.netlify.com/api/v1/user": { id: "u-1", full_name: "Ada Lovelace", email: "ada@example.com", avatar_url: "https://img.example/ada.png" } },
    user: adaUser(false),
  },
  nextcloud: {
    options: { issuer: "https://cloud.example.com" },
    authorize: "https://cloud.example.com/apps/oauth2/authorize",
    pkce: true,
    auth: "post",
    api: { "https://cloud.example.com/ocs/v2.php/cloud/user?format=json": { ocs: { data: { id: "ada", displayname: "Ada Lovelace", email: "ada@example.com" } } } },
    user: { id: "ada", name: "Ada Lovelace", email: "ada@example.com", image: null, emailVerified: false },
  },
  osso: {
    options: { issuer: "https://osso.example.com" },
    authorize: "https://osso.example.com/oauth/authorize",
    pkce: true,
    auth: "post",
    api: { "https://osso.example.com/oauth/me": { id: "u-1", email: "ada@example.com" } },
    user: { id: "u-1", name: "ada@example.com", email: "ada@example.com", image: null, emailVerified: false },
  },
  osu: {
    authorize: "https://osu.ppy.sh/oauth/authorize",
    scope: "identify",
    pkce: true,
    auth: "post",
    api: { "https://osu.ppy.sh/api/v2/me": { id: 2, username: "ada", avatar_url: "https://img.example/ada.png" } },
    user: { id: "2", name: "ada", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  patreon: {
    authorize: "https://www.patreon.com/oauth2/authorize",
    scope: "identity identity[email]",
    pkce: true,
    auth: "post",
    api: {
      "https://www.patreon.com/api/oauth2/v2/identity?fields%5Buser%5D=email,full_name,image_url,is_email_verified": {
        data: { id: "u-1", attributes: { full_name: "Ada Lovelace", email: "ada@example.com", image_url: "https://img.example/ada.png", is_email_verified: true } },
      },
    },
    user: adaUser(),
  },
  pinterest: {
    authorize: "https://www.pinterest.com/oauth/",
    scope: "user_accounts:read",
    pkce: false,
    auth: "basic",
    api: { "https://api.pinterest.com/v5/user_account": { id: "u-1", username: "ada", profile_image: "https://img.example/ada.png" } },
    user: { id: "u-1", name: "ada", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  pipedrive: {
    authorize: "https://oauth.pipedrive.com/oauth/authorize",
    pkce: false,
    auth: "basic",
    api: { "https://api.pipedrive.com/v1/users/me": { data: { id: 1, name: "Ada Lovelace", email: "ada@example.com", icon_url: "https://img.example/ada.png" } } },
    user: { ...adaUser(false), id: "1" },
  },
  reddit: {
    authorize: "https://www.reddit.com/api/v1/authorize",
    scope: "identity",
    pkce: false,
    auth: "basic",
    apiHeaders: { "user-agent": "web:sesame-auth:1 (sign-in)" },
    api: { "https://oauth.reddit.com/api/v1/me": { id: "abc", name: "ada", icon_img: "https://img.example/ada.png" } },
    user: { id: "abc", name: "ada", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  spotify: {
    authorize: "https://accounts.spotify.com/authorize",
    scope: "user-read-email",
    pkce: true,
    auth: "basic",
    api: { "https://api.spotify.com/v1/me": { id: "u-1", display_name: "Ada Lovelace", email: "ada@example.com", images: [{ url: "https://img.example/ada.png" }] } },
    user: adaUser(false),
  },
  webex: {
    authorize: "https://webexapis.com/v1/authorize",
    scope: "spark:kms spark:people_read",
    pkce: true,
    auth: "post",
    api: { "https://webexapis.com/v1/people/me": { id: "u-1", displayName: "Ada Lovelace", emails: ["ada@example.com"], avatar: "https://img.example/ada.png" } },
    user: adaUser(false),
  },
  wikimedia: {
    authorize: "https://meta.wikimedia.org/w/rest.php/oauth2/authorize",
    pkce: true,
    auth: "post",
    api: { "https://meta.wikimedia.org/w/rest.php/oauth2/resource/profile": { sub: "u-1", username: "Ada Lovelace", email: "ada@example.com", confirmed_email: true } },
    user: { ...adaUser(), image: null },
  },
  wordpress: {
    authorize: "https://public-api.wordpress.com/oauth2/authorize",
    scope: "auth",
    pkce: false,
    auth: "post",
    api: { "https://public-api.wordpress.com/rest/v1/me": { ID: 8, display_name: "Ada Lovelace", email: "ada@example.com", email_verified: false, avatar_URL: "https://img.example/ada.png" } },
    user: { ...adaUser(false), id: "8" },
  },
  zoom: {
    authorize: "https://zoom.us/oauth/authorize",
    pkce: true,
    auth: "basic",
    api: { "https://api.zoom.us/v2/users/me": { id: "u-1", display_name: "Ada Lovelace", email: "ada@example.com", pic_url: "https://img.example/ada.png" } },
    user: adaUser(false),
  },
  kakao: {
    authorize: "https://kauth.kakao.com/oauth/authorize",
    pkce: true,
    auth: "post",
    api: {
      "https://kapi.kakao.com/v2/user/me": {
        id: 123,
        kakao_account: { profile: { nickname: "Ada Lovelace", profile_image_url: "https://img.example/ada.png" }, email: "ada@example.com", is_email_valid: true, is_email_verified: true },
      },
    },
    user: { ...adaUser(), id: "123" },
  },
  naver: {
    authorize: "https://nid.naver.com/oauth2.0/authorize",
    pkce: false,
    auth: "post",
    api: { "https://openapi.naver.com/v1/nid/me": { resultcode: "00", message: "success", response: { id: "u-1", nickname: "Ada Lovelace", email: "ada@example.com", profile_image: "https://img.example/ada.png" } } },
    user: adaUser(false),
  },
  facebook: {
    authorize: "https://www.facebook.com/v27.0/dialog/oauth",
    scope: "email",
    pkce: true,
    auth: "post",
    api: { "https://graph.facebook.com/v27.0/me?fields=id,name,email,picture": { id: "u-1", name: "Ada Lovelace", email: "ada@example.com", picture: { data: { url: "https://img.example/ada.png" } } } },
    user: adaUser(false),
  },
  twitter: {
    authorize: "https://x.com/i/oauth2/authorize",
    scope: "users.read tweet.read offline.access",
    pkce: true,
    auth: "basic",
    api: { "https://api.x.com/2/users/me?user.fields=profile_image_url": { data: { id: "u-1", name: "Ada Lovelace", username: "ada", profile_image_url: "https://img.example/ada.png" } } },
    user: { id: "u-1", name: "Ada Lovelace", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  instagram: {
    authorize: "https://www.instagram.com/oauth/authorize",
    scope: "instagram_business_basic",
    pkce: false,
    auth: "post",
    // The answer as Meta documents it for Business Login: wrapped in `data`, no token_type.
    token: { access_token: undefined, token_type: undefined, expires_in: undefined, data: [{ access_token: "at-instagram", user_id: "u-1", permissions: "instagram_business_basic" }] },
    api: { "https://graph.instagram.com/v27.0/me?fields=user_id,username,profile_picture_url": { user_id: "u-1", username: "ada", profile_picture_url: "https://img.example/ada.png" } },
    user: { id: "u-1", name: "ada", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  threads: {
    authorize: "https://threads.com/oauth/authorize",
    scope: "threads_basic",
    pkce: false,
    auth: "post",
    token: { token_type: undefined, user_id: "u-1" },
    api: { "https://graph.threads.com/v1.0/me?fields=id,username,name,threads_profile_picture_url": { id: "u-1", username: "ada", name: "Ada Lovelace", threads_profile_picture_url: "https://img.example/ada.png" } },
    user: { id: "u-1", name: "Ada Lovelace", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  dropbox: {
    authorize: "https://www.dropbox.com/oauth2/authorize",
    scope: "account_info.read",
    params: { token_access_type: "offline" },
    pkce: true,
    auth: "basic",
    api: { "https://api.dropboxapi.com/2/users/get_current_account": { account_id: "dbid:u-1", name: { display_name: "Ada Lovelace" }, email: "ada@example.com", email_verified: true, profile_photo_url: "https://img.example/ada.png" } },
    user: { ...adaUser(), id: "dbid:u-1" },
  },
  notion: {
    authorize: "https://api.notion.com/v1/oauth/authorize",
    params: { owner: "user" },
    pkce: false,
    auth: "basic",
    tokenParams: { grant_type: "authorization_code", code: "code-notion" },
    token: { bot_id: "b-1", owner: { type: "user", user: { object: "user", id: "u-1", name: "Ada Lovelace", avatar_url: "https://img.example/ada.png", type: "person", person: { email: "ada@example.com" } } } },
    user: adaUser(false),
  },
  wechat: {
    authorize: "https://open.weixin.qq.com/connect/qrconnect#wechat_redirect",
    scope: "snsapi_login",
    clientIdParameter: "appid",
    pkce: false,
    auth: "query",
    tokenMethod: "GET",
    tokenParams: { appid: "client-wechat", secret: "fixture-secret", code: "code-wechat", grant_type: "authorization_code" },
    token: { token_type: undefined, openid: "o-1", unionid: "un-1", scope: "snsapi_login" },
    api: { "https://api.weixin.qq.com/sns/userinfo?access_token=at-wechat&openid=o-1": { openid: "o-1", unionid: "un-1", nickname: "Ada", headimgurl: "https://img.example/ada.png" } },
    user: { id: "un-1", name: "Ada", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  tiktok: {
    authorize: "https://www.tiktok.com/v2/auth/authorize/",
    scope: "user.info.basic",
    clientIdParameter: "client_key",
    pkce: false,
    auth: "post",
    tokenParams: { client_key: "client-tiktok" },
    token: { open_id: "o-1" },
    api: { "https://open.tiktokapis.com/v2/user/info/?fields=open_id,union_id,avatar_url,display_name": { data: { user: { open_id: "o-1", display_name: "Ada", avatar_url: "https://img.example/ada.png" } } } },
    user: { id: "o-1", name: "Ada", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  line: {
    authorize: "https://access.line.me/oauth2/v2.1/authorize",
    scope: "openid profile email",
    pkce: true,
    auth: "post",
    idToken: { sub: "U1", name: "Ada" },
    idTokenAlg: "HS256",
    idTokenIssuer: "https://access.line.me",
    api: { "https://api.line.me/oauth2/v2.1/verify": { iss: "https://access.line.me", sub: "U1", aud: "client-line", name: "Ada", picture: "https://img.example/ada.png", email: "ada@example.com" } },
    user: { id: "U1", name: "Ada", email: "ada@example.com", image: "https://img.example/ada.png", emailVerified: false },
  },
  strava: {
    authorize: "https://www.strava.com/oauth/authorize",
    scope: "read",
    params: { approval_prompt: "auto" },
    pkce: false,
    auth: "post",
    api: { "https://www.strava.com/api/v3/athlete": { id: 5, firstname: "Ada", lastname: "Lovelace", profile: "https://img.example/ada.png" } },
    user: { id: "5", name: "Ada Lovelace", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  vk: {
    authorize: "https://oauth.vk.com/authorize",
    scope: "email",
    params: { v: "5.131" },
    pkce: false,
    auth: "post",
    token: { token_type: undefined, user_id: 5, email: "ada@example.com" },
    api: { "https://api.vk.com/method/users.get?fields=photo_100&v=5.131&access_token=at-vk": { response: [{ id: 5, first_name: "Ada", last_name: "Lovelace", photo_100: "https://img.example/ada.png" }] } },
    user: { ...adaUser(false), id: "5" },
  },
  yandex: {
    authorize: "https://oauth.yandex.ru/authorize",
    scope: "login:info login:email login:avatar",
    pkce: true,
    auth: "post",
    apiHeaders: { authorization: "OAuth at-yandex" },
    api: { "https://login.yandex.ru/info?format=json": { id: "5", display_name: "Ada Lovelace", default_email: "ada@example.com", default_avatar_id: "131652443", is_avatar_empty: false } },
    user: { id: "5", name: "Ada Lovelace", email: "ada@example.com", image: "https://avatars.yandex.net/get-yapic/131652443/islands-200", emailVerified: false },
  },
  zoho: {
    authorize: "https://accounts.zoho.com/oauth/v2/auth",
    scope: "AaaServer.profile.Read",
    pkce: false,
    auth: "post",
    apiHeaders: { authorization: "Zoho-oauthtoken at-zoho" },
    api: { "https://accounts.zoho.com/oauth/user/info": { ZUID: 5, First_Name: "Ada", Last_Name: "Lovelace", Email: "ada@example.com" } },
    user: { id: "5", name: "Ada Lovelace", email: "ada@example.com", image: null, emailVerified: false },
  },
  hubspot: {
    authorize: "https://app.hubspot.com/oauth/authorize",
    scope: "oauth",
    pkce: false,
    auth: "post",
    api: { "https://api.hubapi.com/oauth/v1/access-tokens/at-hubspot": { user: "ada@example.com", user_id: 5, hub_id: 9 } },
    user: { id: "5", name: "ada@example.com", email: "ada@example.com", image: null, emailVerified: false },
  },
  mailchimp: {
    authorize: "https://login.mailchimp.com/oauth2/authorize",
    pkce: false,
    auth: "post",
    token: { token_type: undefined, expires_in: 0, scope: null },
    apiHeaders: { authorization: "OAuth at-mailchimp" },
    api: { "https://login.mailchimp.com/oauth2/metadata": { dc: "us1", login: { login_id: 5, login_name: "Ada Lovelace", login_email: "ada@example.com", avatar: "https://img.example/ada.png" } } },
    user: { ...adaUser(false), id: "5" },
  },
  workos: {
    options: { connection: "conn_1" } as Partial<OAuthProvider>,
    authorize: "https://api.workos.com/sso/authorize",
    params: { connection: "conn_1" },
    pkce: true,
    auth: "post",
    token: { token_type: undefined },
    api: { "https://api.workos.com/sso/profile": { id: "prof_1", email: "ada@example.com", first_name: "Ada", last_name: "Lovelace" } },
    user: { id: "prof_1", name: "Ada Lovelace", email: "ada@example.com", image: null, emailVerified: false },
  },
  eveonline: {
    authorize: "https://login.eveonline.com/v2/oauth/authorize",
    scope: "publicData",
    pkce: true,
    auth: "basic",
    api: { "https://login.eveonline.com/oauth/verify": { CharacterID: 9, CharacterName: "Ada" } },
    user: { id: "9", name: "Ada", email: null, image: "https://images.evetech.net/characters/9/portrait", emailVerified: false },
  },
  mailru: {
    authorize: "https://oauth.mail.ru/login",
    scope: "userinfo",
    pkce: false,
    auth: "post",
    api: { "https://oauth.mail.ru/userinfo?access_token=at-mailru": { id: "5", name: "Ada Lovelace", email: "ada@mail.ru", image: "https://img.example/ada.png" } },
    user: { id: "5", name: "Ada Lovelace", email: "ada@mail.ru", image: "https://img.example/ada.png", emailVerified: false },
  },
  foursquare: {
    authorize: "https://foursquare.com/oauth2/authenticate",
    pkce: false,
    auth: "query",
    tokenMethod: "GET",
    token: { token_type: undefined },
    api: {
      "https://api.foursquare.com/v2/users/self?oauth_token=at-foursquare&v=20240101": {
        response: { user: { id: "5", firstName: "Ada", lastName: "Lovelace", contact: { email: "ada@example.com" }, photo: { prefix: "https://img.example/", suffix: "/ada.png" } } },
      },
    },
    user: { id: "5", name: "Ada Lovelace", email: "ada@example.com", image: "https://img.example/original/ada.png", emailVerified: false },
  },
  todoist: {
    authorize: "https://todoist.com/oauth/authorize",
    scope: "data:read",
    pkce: false,
    auth: "post",
    api: { "https://api.todoist.com/api/v1/user": { id: "5", full_name: "Ada Lovelace", email: "ada@example.com", avatar_big: "https://img.example/ada.png" } },
    user: { ...adaUser(false), id: "5" },
  },
  trakt: {
    authorize: "https://trakt.tv/oauth/authorize",
    pkce: false,
    auth: "post",
    tokenParams: { code: "code-trakt", client_id: "client-trakt" },
    apiHeaders: { "trakt-api-key": "client-trakt", "trakt-api-version": "2" },
    api: { "https://api.trakt.tv/users/me?extended=full": { username: "ada", name: "Ada Lovelace", ids: { slug: "ada", uuid: "u-1" }, images: { avatar: { full: "https://img.example/ada.png" } } } },
    user: { id: "u-1", name: "Ada Lovelace", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  bungie: {
    options: { apiKey: "api-key" } as Partial<OAuthProvider>,
    authorize: "https://www.bungie.net/en/OAuth/Authorize",
    pkce: false,
    auth: "basic",
    token: { membership_id: "5" },
    apiHeaders: { "x-api-key": "api-key" },
    api: {
      "https://www.bungie.net/Platform/User/GetMembershipsForCurrentUser/": {
        Response: { bungieNetUser: { membershipId: "5", uniqueName: "Ada#1234", displayName: "Ada", profilePicturePath: "/img/profile/ada.png" } },
      },
    },
    user: { id: "5", name: "Ada#1234", email: null, image: "https://www.bungie.net/img/profile/ada.png", emailVerified: false },
  },
  netsuite: {
    options: { accountID: "1234567_SB1", userinfo: "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1" } as Partial<OAuthProvider>,
    authorize: "https://1234567-sb1.app.netsuite.com/app/login/oauth2/authorize.nl",
    scope: "restlets rest_webservices",
    pkce: true,
    auth: "basic",
    api: { "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1": { id: 5, name: "Ada Lovelace", email: "ada@example.com" } },
    user: { id: "5", name: "Ada Lovelace", email: "ada@example.com", image: null, emailVerified: false },
  },
};

/** The bytes of a (truncated) JPEG, as Microsoft Graph serves a user's photo. */
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const entraUser = { id: "object-id", name: "Ada Lovelace", email: "ada@contoso.com", emailVerified: false };
const entraToken = { sub: "pairwise", oid: "object-id", tid: "contoso", name: "Ada Lovelace", preferred_username: "ada@contoso.com" };

/**
 * More rows for presets with options that change the flow (next-auth's options, a data centre, a scope), each
 * run like a row of the table. (The OpenID Connect ones are not run against oidc-provider: their options point
 * at Microsoft's servers.)
 */
export const VARIANTS: Array<Row & { id: string; variant: string }> = [
  {
    id: "microsoft-entra-id",
    variant: "profilePhotoSize: the Graph photo as a data URL",
    ...oidc({
      options: { tenantId: "contoso", profilePhotoSize: 96 } as Partial<OAuthProvider>,
      scope: "openid profile email User.Read",
      idToken: entraToken,
      apiHeaders: { authorization: "Bearer at-microsoft-entra-id" },
      api: { "https://graph.microsoft.com/v1.0/me/photos/96x96/$value": new Response(PHOTO, { headers: { "content-type": "image/jpeg" } }) },
      user: { ...entraUser, image: "data:image/jpeg;base64,/9j/4AAQSkZJRg==" },
    }),
  },
  {
    id: "azure-ad",
    variant: "profilePhotoSize, the user has no photo: no image, signed in all the same",
    ...oidc({
      options: { tenantId: "contoso", profilePhotoSize: 48 } as Partial<OAuthProvider>,
      scope: "openid profile email User.Read",
      idToken: entraToken,
      api: { "https://graph.microsoft.com/v1.0/me/photos/48x48/$value": Response.json({ error: { code: "ImageNotFound" } }, { status: 404 }) },
      user: { ...entraUser, image: null },
    }),
  },
  {
    id: "microsoft-entra-id",
    variant: "profilePhotoSize, Graph fails: no image, signed in all the same",
    ...oidc({
      options: { tenantId: "contoso", profilePhotoSize: 648 } as Partial<OAuthProvider>,
      scope: "openid profile email User.Read",
      idToken: entraToken,
      api: { "https://graph.microsoft.com/v1.0/me/photos/648x648/$value": new Response("upstream error", { status: 503 }) },
      user: { ...entraUser, image: null },
    }),
  },
  {
    id: "azure-ad-b2c",
    variant: "tenantId + primaryUserFlow: the user flow's document, the issuer it names",
    ...oidc({
      options: { tenantId: "contoso", primaryUserFlow: "B2C_1_signin" } as Partial<OAuthProvider>,
      authorize: "https://contoso.b2clogin.com/4a7c2f1e-0000-4000-8000-000000000b2c/v2.0/authorize",
      // B2C's issuer carries the tenant's id; the document sits under its name and the user flow.
      idTokenIssuer: "https://contoso.b2clogin.com/4a7c2f1e-0000-4000-8000-000000000b2c/v2.0/",
      idToken: { sub: "u-1", name: "Ada Lovelace", emails: ["ada@example.com"] },
      user: { id: "u-1", name: "Ada Lovelace", email: "ada@example.com", image: null, emailVerified: false },
    }),
  },
  {
    id: "bitbucket",
    variant: "no Email permission on the consumer: no email",
    authorize: "https://bitbucket.org/site/oauth2/authorize",
    scope: "account email",
    pkce: true,
    auth: "basic",
    api: {
      "https://api.bitbucket.org/2.0/user": { uuid: "{u-1}", display_name: "Ada Lovelace", links: { avatar: { href: "https://img.example/ada.png" } } },
      "https://api.bitbucket.org/2.0/user/emails": Response.json({ type: "error", error: { message: "Your credentials lack the email scope" } }, { status: 403 }),
    },
    user: { id: "{u-1}", name: "Ada Lovelace", email: null, image: "https://img.example/ada.png", emailVerified: false },
  },
  {
    id: "bitbucket",
    variant: "the primary address unconfirmed: kept, not verified",
    authorize: "https://bitbucket.org/site/oauth2/authorize",
    scope: "account email",
    pkce: true,
    auth: "basic",
    api: {
      "https://api.bitbucket.org/2.0/user": { uuid: "{u-1}", display_name: "Ada Lovelace" },
      "https://api.bitbucket.org/2.0/user/emails": { values: [{ type: "email", email: "ada@example.com", is_primary: true, is_confirmed: false }] },
    },
    user: { id: "{u-1}", name: "Ada Lovelace", email: "ada@example.com", image: null, emailVerified: false },
  },
  {
    id: "concept2",
    variant: "the app's scope, sent to the token endpoint as well",
    options: { authorization: { params: { scope: "user:read,results:write" } } },
    authorize: "https://log.concept2.com/oauth/authorize",
    scope: "user:read,results:write",
    pkce: true,
    auth: "post",
    tokenParams: { scope: "user:read,results:write" },
    api: { "https://log.concept2.com/api/users/me": { data: { id: 9, username: "Ada Lovelace", email: "ada@example.com" } } },
    user: { id: "9", name: "Ada Lovelace", email: "ada@example.com", image: null, emailVerified: false },
  },
  {
    id: "zoho",
    variant: "accountsServer: the EU data centre",
    options: { accountsServer: "https://accounts.zoho.eu" } as Partial<OAuthProvider>,
    authorize: "https://accounts.zoho.eu/oauth/v2/auth",
    scope: "AaaServer.profile.Read",
    pkce: false,
    auth: "post",
    apiHeaders: { authorization: "Zoho-oauthtoken at-zoho" },
    api: { "https://accounts.zoho.eu/oauth/user/info": { ZUID: 5, Display_Name: "Ada", Email: "ada@example.eu" } },
    user: { id: "5", name: "Ada", email: "ada@example.eu", image: null, emailVerified: false },
  },
  {
    id: "instagram",
    variant: "a flat token answer",
    authorize: "https://www.instagram.com/oauth/authorize",
    scope: "instagram_business_basic",
    pkce: false,
    auth: "post",
    token: { token_type: undefined, user_id: "u-1" },
    api: { "https://graph.instagram.com/v27.0/me?fields=user_id,username,profile_picture_url": { user_id: "u-1", username: "ada" } },
    user: { id: "u-1", name: "ada", email: null, image: null, emailVerified: false },
  },
  {
    id: "twitter",
    variant: 'version: "2.0" (next-auth 4\'s OAuth 2.0 mode)',
    options: { version: "2.0" } as Partial<OAuthProvider>,
    authorize: "https://x.com/i/oauth2/authorize",
    scope: "users.read tweet.read offline.access",
    pkce: true,
    auth: "basic",
    api: { "https://api.x.com/2/users/me?user.fields=profile_image_url": { data: { id: "u-1", name: "Ada Lovelace", username: "ada" } } },
    user: { id: "u-1", name: "Ada Lovelace", email: null, image: null, emailVerified: false },
  },
];

/** Provider ids Auth.js itself marks deprecated (in @auth/core's own documentation of the module). */
export const DEPRECATED: Record<string, string> = {
  "azure-devops": "Microsoft no longer supports Azure DevOps OAuth; use microsoft-entra-id",
  email: "renamed nodemailer by Auth.js; Sesame's own email provider is sesame-auth/providers/email",
};

/** Modules of the reference packages that are not OAuth / OIDC providers. */
export const NOT_OAUTH: Record<string, string> = {
  index: "the packages' index module",
  oauth: "the generic provider: sesame-auth/providers/oauth",
  "provider-types": "types",
  credentials: "sesame-auth/providers/credentials",
  passkey: "WebAuthn passkeys: sesame-auth/providers/passkey (see docs/passkeys.md)",
  webauthn: "WebAuthn passkeys: sesame-auth/providers/passkey (see docs/passkeys.md)",
  nodemailer: "email: sesame-auth/providers/email with an SMTP server",
  forwardemail: "an email service: sesame-auth/providers/email with your own sendVerificationRequest",
  loops: "an email service: sesame-auth/providers/email with your own sendVerificationRequest",
  mailgun: "an email service: sesame-auth/providers/email with your own sendVerificationRequest",
  postmark: "an email service: sesame-auth/providers/email with your own sendVerificationRequest",
  resend: "an email service: sesame-auth/providers/email with your own sendVerificationRequest",
  sendgrid: "an email service: sesame-auth/providers/email with your own sendVerificationRequest",
};

/**
 * OAuth / OIDC providers that have no preset yet, each with why: none left. A provider id the reference
 * packages add later fails the enumeration test until it gets a preset and a row, or is listed here.
 */
export const PENDING: Record<string, string> = {};
