/** Comparison of secret strings in time that does not depend on where they first differ. */
export function timingSafeEqual(a, b) {
    // Compare against `a` in full even when the lengths differ, so the time only reveals the length.
    let diff = a.length ^ b.length;
    for (let i = 0; i < a.length; i++)
        diff |= a.charCodeAt(i) ^ (b.charCodeAt(i % (b.length || 1)) || 0);
    return diff === 0;
}
