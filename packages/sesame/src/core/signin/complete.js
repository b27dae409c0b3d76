import { AccessDenied } from "../errors.js";
import { emit } from "../events.js";
import { createDatabaseSession } from "../session/database-session.js";
import { issueSessionCookies } from "../session/jwt-session.js";
import { fromAccount, fromIssued } from "../upstream/tokens.js";
import { persistUser } from "./persist-user.js";
export async function completeSignIn(context, { allowEmailLinking = false, newUserName = null, ...params }, callbackUrl, 
/** Claims Sesame itself needs in the token (e.g. what RP-initiated logout needs), added before `jwt` runs. */
ownClaims = {}) {
    const { callbacks, adapter, session } = context.config;
    const { account, profile } = params;
    const allowed = await callbacks.signIn(params);
    if (allowed === false)
        throw new AccessDenied("The signIn callback refused this user.");
    if (typeof allowed === "string") {
        return { redirectTo: await callbacks.redirect({ url: allowed, baseUrl: context.origin }), cookies: [] };
    }
    const persisted = adapter && (await persistUser(context, adapter, params.user, account, { allowEmailLinking, newUserName }));
    // Without an adapter there is no stored user to keep a first sign-in's name: the session is the user.
    const user = persisted?.user ?? (newUserName && !params.user.name ? { ...params.user, name: newUserName } : params.user);
    const isNewUser = persisted?.isNewUser ?? false;
    const { revocation } = context.config;
    // Bounded by `revocation.startTimeout`: with the store unreachable, the version is the one known here (0
    // before the first load), and the policy decides what the new session is worth until the state loads.
    if (revocation && !revocation.ready)
        await revocation.start();
    const version = revocation && user.id ? { ver: revocation.versionOf(user.id) } : {};
    const upstream = account.type === "credentials" ? params.user.tokens && fromIssued(account.provider, params.user.tokens) : fromAccount(account);
    const initial = { name: user.name, email: user.email, picture: user.image, sub: user.id, ...version, ...(upstream && { upstream }), ...ownClaims };
    const token = await callbacks.jwt({ token: initial, user, account, profile, trigger: isNewUser ? "signUp" : "signIn", isNewUser });
    if (!token)
        throw new AccessDenied("The jwt callback returned no token on sign-in.");
    const cookies = session.strategy === "database" && persisted
        ? await createDatabaseSession(context, persisted.user, token)
        : (await issueSessionCookies(context, token)).cookies;
    await emit(context, "signIn", { user, account, profile, isNewUser });
    return { redirectTo: callbackUrl, cookies };
}
