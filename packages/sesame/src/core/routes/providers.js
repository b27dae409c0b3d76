import { json } from "../http.js";
export function getProviders(context) {
    const providers = {};
    for (const { id, name, type } of context.config.providers.values()) {
        const path = encodeURIComponent(id);
        providers[id] = { id, name, type, signinUrl: `${context.authBase}/signin/${path}`, callbackUrl: `${context.authBase}/callback/${path}` };
    }
    return json(providers);
}
