/** `GET /providers`: the configured providers and their URLs, in Auth.js's shape. */
import type { RequestContext } from "../context.js";
import { json } from "../http.js";

export function getProviders(context: RequestContext): Response {
  const providers: Record<string, { id: string; name: string; type: string; signinUrl: string; callbackUrl: string }> = {};
  for (const { id, name, type } of context.config.providers.values()) {
    const path = encodeURIComponent(id);
    providers[id] = { id, name, type, signinUrl: `${context.authBase}/signin/${path}`, callbackUrl: `${context.authBase}/callback/${path}` };
  }
  return json(providers);
}
