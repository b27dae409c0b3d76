import { InvalidRequest } from "../errors.js";
import { json } from "../http.js";
import { listSessionsOf, endOtherSessionsOf, endSessionOf } from "../session/management.js";
const UNAUTHORIZED = { error: "Unauthorized", message: "Sign in to manage your sessions." };
export async function getSessions(context) {
    const sessions = await listSessionsOf(context);
    return sessions ? json({ sessions }) : json(UNAUTHORIZED, { status: 401 });
}
export async function postRevokeSession(context, body) {
    if (!body.id)
        throw new InvalidRequest("Give the `id` of the session to sign out.");
    const revoked = await endSessionOf(context, body.id);
    return revoked === null ? json(UNAUTHORIZED, { status: 401 }) : json({ revoked });
}
export async function postRevokeOtherSessions(context) {
    const revoked = await endOtherSessionsOf(context);
    return revoked === null ? json(UNAUTHORIZED, { status: 401 }) : json({ revoked });
}
