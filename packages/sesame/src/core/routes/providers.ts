/**
 * `GET /providers`: the configured providers and their URLs, in Auth.js's shape, each with the type
 * Auth.js lists it with (`listedType`, else its own). next-auth 4 knows no
 * `"oidc"` type (its Google, Auth0, … are `"oauth"`), so its clients see those as `"oauth"`.
 */
import type { RequestContext } from "../context.js";
import { json } from "../http.js";

export function getProviders(context: RequestContext): Response {
  const providers: Record<string, { id: string; name: string; type: string; signinUrl: string; callbackUrl: string }> = {};
  for (const provider of context.config.providers.values()) {
    const { id, name } = provider;
    const listed = ("listedType" in provider && provider.listedType) || provider.type;
    const type = listed === "oidc" && context.wire === "v4" ? "oauth" : listed;
    const path = encodeURIComponent(id);
    providers[id] = { id, name, type, signinUrl: `${context.authBase}/signin/${path}`, callbackUrl: `${context.authBase}/callback/${path}` };
  }
  return json(providers);
}
