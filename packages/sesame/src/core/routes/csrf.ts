/** `GET /csrf`: the token a client must send with every state-changing POST. */
import type { RequestContext } from "../context.js";
import { csrfToken } from "../csrf.js";
import { json, withCookies } from "../http.js";

export async function getCsrf(context: RequestContext): Promise<Response> {
  const { token, setCookie } = await csrfToken(context);
  return json({ csrfToken: token }, { headers: withCookies(setCookie ? [setCookie] : []) });
}
