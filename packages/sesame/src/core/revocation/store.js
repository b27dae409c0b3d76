/**
 * Where revocations of JWT sessions are recorded and how they travel between server processes. A session
 * is revoked by its id (`jti`) until every copy of it would have expired anyway (`exp`, chosen by the
 * revocation state: a renewed copy can outlive the one that was signed out); all of a user's sessions are
 * revoked by raising the user's token version above the one their tokens carry.
 */
export {};
