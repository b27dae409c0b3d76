/**
 * What the second-factor tests share: users that sign in with a password of their own, a fresh username per
 * test (so tests on one database do not meet), and a clock to move between TOTP time steps.
 */
import { vi } from "vitest";
import Credentials from "../../src/providers/credentials.js";

let sequence = 0;
/** A username of its own for each test: `namedUsers` signs in any `<name>` with the password "pw-<name>". */
export const username = (label: string): string => `${label}-${Date.now()}-${++sequence}`;

/** Credentials that sign in `<name>` (as user `user-<name>`, `<name>@example.com`) with "pw-<name>". */
export const namedUsers = Credentials({
  credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
  authorize: ({ username: name, password }) => (name && password === `pw-${name}` ? { id: `user-${name}`, name, email: `${name}@example.com` } : null),
});

/** Moves the clock (only `Date`) by `seconds`: TOTP codes of a later step. Undo with `vi.useRealTimers()`. */
export function advance(seconds: number): void {
  const now = Date.now() + seconds * 1000;
  if (vi.isFakeTimers()) vi.setSystemTime(now);
  else vi.useFakeTimers({ toFake: ["Date"], now });
}
