/**
 * What a passkey provider (`Passkey()`) is to the core: sign-in with WebAuthn credentials the user
 * registered while signed in, with the relying party (the app, as authenticators know it) it names.
 */
/** The relying party and limits of a `Passkey()` provider, as the app wrote them. Durations are in seconds. */
export interface PasskeySettings {
  /**
   * The RP ID passkeys are bound to: a domain, the app's host or a parent of it (`"example.com"` for
   * `https://app.example.com`). Every passkey registered under it stops working if it changes. Default: the
   * host of `origins[0]`, else of the app's URL (`AUTH_URL`, or a host of `allowedHosts`).
   */
  rpID?: string;
  /** The app's name as authenticators show it ("Save a passkey for Acme?"). Default: the RP ID. */
  rpName?: string;
  /**
   * The origins a ceremony may run on (`["https://example.com", "https://www.example.com"]`). Default: the
   * app's URL, trusted as for links that leave the app (`AUTH_URL`, a host of `allowedHosts`, or in
   * development a loopback host): never a `Host` / `X-Forwarded-Host` header alone.
   */
  origins?: string[];
  /**
   * Seconds a sign-in counts as recent for adding or removing a passkey. Older sessions get
   * `ReauthenticationRequired` and sign in again first. Default: 300.
   */
  reauthenticateAfter?: number;
  /** Seconds a ceremony (the browser's prompt, or a pending autofill) may take before its challenge expires. Default: 300. */
  challengeMaxAge?: number;
}

/** A passkey provider, as `Passkey()` (`sesame-auth/providers/passkey`) returns it. */
export interface PasskeyProvider {
  id: string;
  name: string;
  type: "webauthn";
  passkeys: PasskeySettings;
}
