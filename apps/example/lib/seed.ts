/**
 * Brings the database up to date and adds the demo users, so a fresh clone signs in at once. Alice and Bob
 * have the ids the sample backend gives them: signing in with their password or with a magic link to their
 * address is the same user. Idempotent: run on every start.
 */
import { migrate } from "sesame-auth/adapters/sql";
import type { Storage } from "./storage";

export const DEMO_USERS = [
  { id: "1", name: "Alice Example", email: "alice@example.com" },
  { id: "2", name: "Bob Example", email: "bob@example.com" },
];

export async function migrateAndSeed({ db, adapter, schema }: Storage): Promise<void> {
  await migrate(db, { schema });
  for (const user of DEMO_USERS) {
    if (await adapter.getUser(user.id)) continue;
    await adapter.createUser({ ...user, emailVerified: new Date(), image: null });
  }
}
