/**
 * The email-and-password accounts of a configuration, checked once when it is resolved: the `Password()`
 * provider, the adapter methods it stores with, the email transport its links go through, and a way for a
 * password reset to end the user's sessions. A missing piece is a configuration error at start, not a
 * sign-up that fails in production.
 */
import { PASSWORD_ACCOUNT_METHODS, type Adapter, type PasswordAdapter } from "../adapter.js";
import { codeLimits, type CodeLimits } from "../codes/options.js";
import { InvalidConfiguration } from "../errors.js";
import { bounded } from "./bounded.js";
import type { EmailProvider, MailMessage } from "../provider/email.js";
import { isPasswordProvider, type PasswordProvider } from "../provider/password.js";
import type { Provider } from "../provider/provider.js";
import type { Awaitable } from "../types.js";

/** The accounts setup the account routes work with. */
export interface ResolvedAccounts {
  provider: PasswordProvider;
  adapter: PasswordAdapter;
  /** The email provider whose transport sends the account emails. */
  mailer: EmailProvider & { sendMail(message: MailMessage): Awaitable<void> };
  /** With `verifyWith: "code"`: the limits of the codes that prove an address; otherwise links do. */
  verifyCode: CodeLimits | undefined;
  /** Seconds a sign-in counts as recent for an email change without the password. */
  reauthenticateAfterSeconds: number;
}

export function resolveAccounts(
  providers: ReadonlyMap<string, Provider>,
  adapter: Adapter | undefined,
  { strategy, revocation }: { strategy: "jwt" | "database"; revocation: boolean },
): ResolvedAccounts | undefined {
  const passwordProviders = [...providers.values()].filter(isPasswordProvider);
  const [provider, second] = passwordProviders;
  if (!provider) return undefined;
  if (second) throw new InvalidConfiguration(`Two Password() providers ("${provider.id}", "${second.id}"): an app has one set of password accounts.`);
  const missing = PASSWORD_ACCOUNT_METHODS.filter((name) => typeof adapter?.[name] !== "function");
  if (!adapter || missing.length) {
    throw new InvalidConfiguration(
      adapter
        ? `Password() keeps its accounts through the adapter, which lacks ${missing.map((m) => `\`${m}\``).join(", ")}. Sesame's SqlAdapter and MemoryAdapter have them (an Auth.js adapter does not).`
        : "Password() keeps its accounts in the database: configure an `adapter` (e.g. SqlAdapter).",
    );
  }
  const wanted = provider.accounts.emailProvider;
  const emails = [...providers.values()].filter((p): p is EmailProvider => p.type === "email");
  const mailer = wanted === undefined ? emails[0] : emails.find((p) => p.id === wanted);
  if (!mailer) {
    throw new InvalidConfiguration(
      wanted === undefined
        ? "Password() sends its links (verify your address, reset your password) by email: add an email provider, e.g. Email({ server: process.env.EMAIL_SERVER })."
        : `Password({ emailProvider: "${wanted}" }) names no email provider of this configuration.`,
    );
  }
  if (typeof mailer.sendMail !== "function") {
    throw new InvalidConfiguration(`The email provider "${mailer.id}" has no \`sendMail\`, which Password() sends its account emails with. Email() has one; give yours one.`);
  }
  // A password reset is how a user takes their account back: it must end every session the intruder holds.
  if (strategy === "jwt" && !revocation) {
    throw new InvalidConfiguration(
      "Password() with JWT sessions needs `revocation`, so that a password reset ends the user's other sessions; or use database sessions.",
    );
  }
  return {
    provider,
    adapter: adapter as PasswordAdapter,
    mailer: mailer as ResolvedAccounts["mailer"],
    verifyCode: verifyCodeOf(provider),
    reauthenticateAfterSeconds: bounded(`Password({ reauthenticateAfter }) of provider "${provider.id}"`, provider.accounts.reauthenticateAfter, 300, [0, 86_400], "seconds"),
  };
}

/** The limits of the codes that prove an address, with `verifyWith: "code"` (the adapter methods they need are the ones checked above). */
function verifyCodeOf({ id, accounts }: PasswordProvider): CodeLimits | undefined {
  const { verifyWith = "link", code = {} } = accounts;
  if (verifyWith === "link") return undefined;
  if (verifyWith !== "code") throw new InvalidConfiguration(`Password({ verifyWith }) of provider "${id}" is "link" or "code"; got ${JSON.stringify(verifyWith)}.`);
  return codeLimits(`Password({ code }) of provider "${id}"`, code);
}
