/** What each error code means to the person who sees it, in plain words. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Sign in failed. Check that the details you entered are correct.",
  AccessDenied: "You do not have permission to sign in.",
  MissingCSRF: "This form expired or was sent from another site. Please try again.",
  SessionExpired: "Your session has expired. Please sign in again.",
  SessionRequired: "Please sign in to see this page.",
  Configuration: "The server is not set up correctly. If you run this site, check the server logs.",
  InvalidRequest: "The request could not be understood. Please try again.",
  OAuthSignInError: "The sign-in provider could not be reached. Please try again in a moment.",
  OAuthCallbackError: "Signing in with the provider did not complete. It may have been cancelled; please try again.",
  InvalidCheck: "This sign-in link expired or was already used. Please start again.",
  StaleAuthentication: "The sign-in provider did not ask you to sign in again, and this needs a recent sign-in. Please try again.",
  OAuthAccountNotLinked: "This email is already used by an account that signs in another way. Sign in the way you did before.",
  EmailSignin: "The sign-in email could not be sent. Check the address and try again.",
  Verification: "This link is no longer valid. It may have been used already or it may have expired.",
  RateLimited: "Too many sign-in attempts. Please wait a few minutes and try again.",
  WeakPassword: "Choose a stronger password.",
  SecondFactorFailed: "That code or passkey did not work, or this sign-in has expired. Try again, or sign in again.",
  ReauthenticationRequired: "Confirm it is you: enter your password or a code, or sign in again.",
  WebAuthnVerificationError: "That passkey could not be used to sign in. Please try again.",
  AdapterError: "The service is temporarily unavailable. Please try again in a moment.",
};

export function errorMessage(code: string | null | undefined): string {
  return (code && MESSAGES[code]) || "Sign in failed. Please try again.";
}
