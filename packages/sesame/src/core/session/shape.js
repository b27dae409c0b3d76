import { upstreamOf } from "../upstream/tokens.js";
export function sessionShape(context, user, expires, token) {
    const session = { user, expires };
    if (typeof token.error === "string")
        session.error = token.error;
    if (context.config.tokens.exposeAccessToken) {
        const upstream = upstreamOf(token);
        if (upstream)
            session.accessToken = upstream.accessToken;
    }
    return session;
}
