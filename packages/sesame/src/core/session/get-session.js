import { resolveConfig } from "../config/resolve.js";
import { createContext } from "../context.js";
import { readSession } from "./read.js";
/**
 * Reads the session of `request` (a `Request`, or anything with its `url`, `method` and `headers`), running
 * the `jwt` and `session` callbacks. `cookies` are the `Set-Cookie` values to send back when the session was
 * renewed or cleared; a caller that cannot set cookies (a React Server Component) may ignore them, and the
 * next response that can will carry them.
 *
 * @example
 * ```ts
 * const { session, cookies } = await getSession(request, config);
 * if (!session) return Response.json({ error: "Unauthorized" }, { status: 401 });
 * ```
 */
export function getSession(request, config, options = {}) {
    // Not an async function: it would wrap the read's promise in another on every request. A config error
    // still comes back as a rejection, as it would from one.
    try {
        return readSession(createContext(request, resolveConfig(config)), options);
    }
    catch (error) {
        return Promise.reject(error);
    }
}
