import { InvalidRequest } from "../errors.js";
import { json, withCookies } from "../http.js";
import { emit } from "../events.js";
import { readSession } from "../session/read.js";
import { isPlainObject } from "../plain-object.js";
export async function showSession(context) {
    const { session, cookies } = await readSession(context);
    // Most reads renew nothing: no header list to build for them.
    return json(session, cookies.length > 0 ? { headers: withCookies(cookies) } : undefined);
}
export async function updateSession(context, body) {
    const { data } = body;
    if (data !== undefined && !isPlainObject(data)) {
        throw new InvalidRequest("`data` must be an object with the session fields to update.");
    }
    const { session, cookies } = await readSession(context, { update: { data: data } });
    if (session?.user)
        await emit(context, "updateUser", { user: session.user });
    return json(session, { headers: withCookies(cookies) });
}
