/**
 * InnoDB (MySQL, MariaDB) ends one of two transactions that wait on each other's locks with a deadlock
 * error and expects it to be run again: it was rolled back whole, so running it again is safe. Its row
 * locks are coarser than PostgreSQL's (a statement that scans rows locks rows it does not change), so
 * statements that never meet on PostgreSQL can meet there.
 */

/** The rolled-back transaction is run again this many times at most, then its error is thrown. */
const RETRIES = 3;

/**
 * Runs `transaction`, again when MySQL or MariaDB ended it for a deadlock (mysql2's `ER_LOCK_DEADLOCK`; no
 * other driver reports that code, so elsewhere this runs it once).
 *
 * @example
 * ```ts
 * await retryingDeadlocks(() => db.transaction().execute(async (trx) => { ... }));
 * ```
 */
export async function retryingDeadlocks<T>(transaction: () => Promise<T>): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await transaction();
    } catch (error) {
      const deadlock = typeof error === "object" && error !== null && "code" in error && error.code === "ER_LOCK_DEADLOCK";
      if (!deadlock || retry === RETRIES) throw error;
    }
  }
}
