/**
 * Unique-constraint violations, by the stable code each driver reports them with: PostgreSQL's SQLSTATE
 * (pg), MySQL / MariaDB's error name (mysql2), SQLite's extended result code (better-sqlite3).
 */
const UNIQUE_VIOLATION_CODES: ReadonlySet<unknown> = new Set(["23505", "ER_DUP_ENTRY", "SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_CONSTRAINT_UNIQUE"]);

/**
 * Whether `error` is a driver's report of a unique key violated: another request inserted the same key first.
 *
 * @example
 * ```ts
 * try { await insertAccount(); } catch (error) { if (!isUniqueViolation(error)) throw error; return existingAccount(); }
 * ```
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && UNIQUE_VIOLATION_CODES.has(error.code);
}

/**
 * A first sign-in: creates the user and links the account in `attempt`'s transaction. When another request
 * linked the same account between our read and our insert, the unique key refuses ours (and the transaction,
 * user row included, is rolled back): that request's user wins.
 *
 * @example
 * ```ts
 * return firstSignIn(() => db.transaction().execute(createAndLink), () => findUserByAccount(account));
 * ```
 */
export async function firstSignIn<User>(attempt: () => Promise<{ user: User; created: boolean }>, linkedUser: () => Promise<User | null>): Promise<{ user: User; created: boolean }> {
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const linked = await linkedUser();
    if (!linked) throw error;
    return { user: linked, created: false };
  }
}
