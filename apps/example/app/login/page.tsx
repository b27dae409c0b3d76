/**
 * The sign-in page (`pages.signIn`): five ways in — four Server Actions calling `signIn`, and a passkey
 * button (the browser's WebAuthn prompt, `signInWithPasskey`). Errors come back as `?error=` with a code;
 * the `callbackUrl` the visitor was sent here with is carried through. A user with a second factor goes on
 * to `/second-factor` (`pages.secondFactor`) before a session starts. `?reauth=1` shows the page to a
 * signed-in user too, to sign in again before a sensitive change (the security page links here).
 */
import Link from "next/link";
import { redirect } from "next/navigation";
import { auth, signIn } from "../../auth";
import PasskeySignIn from "../../components/passkey-sign-in";

export const dynamic = "force-dynamic";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Those sign-in details do not match (or the address is not confirmed yet).",
  RateLimited: "Too many attempts. Wait a minute and try again.",
  SessionRequired: "Please sign in to see that page.",
  OAuthSignInError: "The OpenID Provider could not be reached. Try again in a moment.",
  OAuthCallbackError: "The OpenID Provider could not be reached or refused the sign-in.",
  EmailSignInError: "The sign-in email could not be sent. Try again in a moment.",
  OAuthAccountNotLinked: "That email belongs to a user who signs in another way.",
  Verification: "That sign-in link has expired or was already used.",
  SecondFactorFailed: "The second factor was not completed in time. Sign in again.",
};

const NOTICES: Record<string, string> = {
  "password-reset": "Your password was changed and every session signed out. Sign in with the new password.",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Login({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : "/dashboard";
  const error = typeof params.error === "string" ? params.error : undefined;
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;
  if (!error && !params.reauth && (await auth())) redirect(callbackUrl.startsWith("/") ? callbackUrl : "/");

  async function withPassword(form: FormData) {
    "use server";
    await signIn("credentials", form);
  }
  async function withAccount(form: FormData) {
    "use server";
    await signIn("password", form);
  }
  async function withOpenId(form: FormData) {
    "use server";
    await signIn("oidc", { redirectTo: String(form.get("redirectTo") ?? "/") });
  }
  async function withEmail(form: FormData) {
    "use server";
    await signIn("email", form);
  }

  return (
    <>
      <h1>Sign in</h1>
      {notice && (
        <p role="status" className="notice" id="notice">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="error" id="error">
          {MESSAGES[error] ?? "Something went wrong signing you in."} <span className="muted">({error})</span>
        </p>
      )}
      <section className="cards">
        <form action={withAccount} className="card" id="account">
          <h2>Email and password</h2>
          <input type="hidden" name="redirectTo" value={callbackUrl} />
          <label>
            Email <input name="email" type="email" autoComplete="username" required />
          </label>
          <label>
            Password <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit">Sign in</button>
          <p className="muted">
            <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} id="signup-link">
              Create an account
            </Link>{" "}
            ·{" "}
            <Link href="/reset-password" id="forgot-link">
              Forgot your password?
            </Link>
          </p>
        </form>
        <PasskeySignIn callbackUrl={callbackUrl} />
        <form action={withPassword} className="card" id="credentials">
          <h2>Sample backend</h2>
          <input type="hidden" name="redirectTo" value={callbackUrl} />
          <label>
            Username <input name="username" autoComplete="username" required defaultValue="alice" />
          </label>
          <label>
            Password <input name="password" type="password" autoComplete="current-password" required />
          </label>
          <button type="submit">Sign in</button>
          <p className="muted">alice / wonderland (admin) · bob / builder</p>
        </form>
        <form action={withOpenId} className="card" id="oidc">
          <h2>OpenID Connect</h2>
          <input type="hidden" name="redirectTo" value={callbackUrl} />
          <p>The local OpenID Provider. Sign in there as carol or dave, with any password.</p>
          <button type="submit">Sign in with OpenID</button>
        </form>
        <form action={withEmail} className="card" id="email">
          <h2>Magic link</h2>
          <input type="hidden" name="redirectTo" value={callbackUrl} />
          <label>
            Email <input name="email" type="email" autoComplete="email" required defaultValue="alice@example.com" />
          </label>
          <button type="submit">Email me a link</button>
          <p className="muted">In development the mail lands in the app&apos;s inbox.</p>
        </form>
      </section>
    </>
  );
}
