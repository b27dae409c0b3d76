/**
 * The one sign-in dispatch: whatever the provider's kind, signing in with it ends in a destination and the
 * cookies to set on the way. Credentials sign in right here; email sends a link and sends the user to "check
 * your email"; OAuth / OIDC sends the user to the provider. A passkey cannot be used from here: only the
 * browser can ask the authenticator. The HTTP routes (`POST /signin/:provider`, a
 * credentials form on `POST /callback/:provider`) and the framework integrations (Next.js's server
 * `signIn`) all call it; none of them switches on the provider's kind itself.
 *
 * It checks no CSRF token: the HTTP route has done that where the request entered (`core/auth.ts`), and a
 * server action runs in the app's own process, where there is no cross-site form to forge.
 */
import type { RequestContext } from "../context.js";
import type { Body } from "../http.js";
import { startSignIn } from "../oauth/authorization-request.js";
import type { Provider } from "../provider/provider.js";
import { callbackUrlCookie } from "../callback-url.js";
import { InvalidRequest } from "../errors.js";
import type { SignInOutcome } from "./complete.js";
import { signInWithCredentials } from "./credentials.js";
import { sendSignInLink } from "./email.js";
import { requestedMaxAge } from "../step-up-marker.js";

/**
 * Signs in with `provider`. `fields` are the form's fields (credentials, or `email`); `callbackUrl` is the
 * destination, already vetted by `resolveCallbackUrl`. Email vets `fields.callbackUrl` itself, against the
 * origin of the link it mails (which a request header must not choose). `fields.maxAge` marks an OAuth / OIDC
 * sign-in as a re-authentication (see step-up-marker.ts).
 */
export async function signInWith(context: RequestContext, provider: Provider, fields: Body, callbackUrl: string): Promise<SignInOutcome> {
  switch (provider.type) {
    case "credentials":
      return signInWithCredentials(context, provider, fields, callbackUrl);
    case "email":
      return { redirectTo: await sendSignInLink(context, provider, fields), cookies: [] };
    case "webauthn":
      throw new InvalidRequest(
        `A passkey signs in from the browser, which must ask the authenticator: get options from POST ${context.config.basePath}/passkey/authentication-options, ` +
          `then post the answer to ${context.config.basePath}/callback/${provider.id} (signInWithPasskey() from sesame-auth/react does both).`,
      );
    default: {
      // A re-authentication (`maxAge`) means something only to a provider: credentials, email and passkeys
      // prove the user right now, so their sessions are new whatever it asks.
      const { url, cookie } = await startSignIn(context, provider, callbackUrl, { maxAge: requestedMaxAge(fields.maxAge) });
      return { redirectTo: url, cookies: [cookie, callbackUrlCookie(context, callbackUrl)] };
    }
  }
}
