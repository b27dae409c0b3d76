/** Bounding how long Sesame waits on something it does not control: a database, a provider, a store. */
/**
 * `promise`, or a rejection with `timedOut()` once `ms` have passed, whichever comes first. The timer is
 * cleared either way, so a settled wait keeps no process alive. The work itself is not cancelled: it may
 * still settle later, with no one waiting for it.
 */
export function withTimeout(promise, ms, timedOut) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(timedOut()), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
