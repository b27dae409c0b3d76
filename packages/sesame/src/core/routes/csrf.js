import { csrfToken } from "../csrf.js";
import { json, withCookies } from "../http.js";
export async function getCsrf(context) {
    const { token, setCookie } = await csrfToken(context);
    return json({ csrfToken: token }, { headers: withCookies(setCookie ? [setCookie] : []) });
}
