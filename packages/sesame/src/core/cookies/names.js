const COOKIE_PREFIX = "sesame";
export function resolveCookies(secure, overrides = {}) {
    const host = secure ? "__Host-" : "";
    const base = { httpOnly: true, sameSite: "lax", path: "/", secure };
    const defaults = {
        sessionToken: { name: `${host}${COOKIE_PREFIX}.session-token`, options: base },
        csrfToken: { name: `${host}${COOKIE_PREFIX}.csrf-token`, options: base },
        callbackUrl: { name: `${host}${COOKIE_PREFIX}.callback-url`, options: base },
        // State, PKCE verifier and nonce of an OAuth sign-in in progress: encrypted, and gone after 15 minutes.
        oauthChecks: { name: `${host}${COOKIE_PREFIX}.oauth-checks`, options: { ...base, maxAge: 15 * 60 } },
    };
    const jar = {};
    for (const kind of Object.keys(defaults)) {
        const override = overrides[kind];
        const options = { ...defaults[kind].options, ...override?.options };
        let name = override?.name ?? defaults[kind].name;
        // Browsers refuse a `__Host-` cookie with a Domain or a Path other than `/`: such settings get the
        // weaker `__Secure-` prefix.
        if (!override?.name && name.startsWith("__Host-") && (options.domain || (options.path ?? "/") !== "/")) {
            name = `__Secure-${name.slice(7)}`;
        }
        jar[kind] = { name, options };
    }
    // Only the session is worth carrying over: a lost callback-url or an interrupted sign-in costs a click,
    // and reading their old names would hand the tossing attack its way back in.
    const session = jar.sessionToken;
    if (session.name.startsWith("__Host-") && !overrides.sessionToken?.name) {
        jar.sessionToken = { ...session, previousName: `__Secure-${session.name.slice(7)}` };
    }
    return jar;
}
