/** A password someone chose (sign-up, reset, change): checked against the policy, then hashed. */
import { AdapterError, WeakPassword } from "../errors.js";
import { BreachCheckUnavailable, checkPassword, type PasswordProblem } from "./password-policy.js";
import type { ResolvedAccounts } from "../config/accounts.js";

const REASONS: Record<PasswordProblem, (minLength: number) => string> = {
  "too-short": (min) => `Choose a password of at least ${min} characters.`,
  "too-long": () => "Choose a password of at most 1024 characters.",
  "not-well-formed": () => "Enter a password (it contains characters that cannot be stored).",
  breached: () => "This password has appeared in a data breach, so attackers try it first. Choose another.",
};

/** The hash of `password`, or `WeakPassword` saying which rule it breaks. */
export async function hashNewPassword(accounts: ResolvedAccounts, password: unknown): Promise<string> {
  const { policy } = accounts.provider.accounts;
  let problem: PasswordProblem | null;
  try {
    problem = await checkPassword(typeof password === "string" ? password : "", policy);
  } catch (error) {
    // Fail closed: a breached password must not get in because the service was down.
    if (error instanceof BreachCheckUnavailable) throw new AdapterError("The breached-password check could not be done; try again in a moment.", { cause: error });
    throw error;
  }
  if (problem) throw new WeakPassword(problem, REASONS[problem](policy.minLength ?? 8));
  return accounts.provider.accounts.hash(password as string);
}
