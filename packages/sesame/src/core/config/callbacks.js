import { redact, redactError, redactText } from "../redact.js";
/** The callbacks NextAuth apps expect when they set none. `jwt` and `session` pass data through. */
export const defaultCallbacks = {
    signIn: () => true,
    authorized: () => true,
    redirect: ({ url, baseUrl }) => {
        // Resolving against the base turns relative paths into same-origin URLs and exposes every trick
        // (`//evil.com`, `/\evil.com`, `https:evil.com`) as a foreign origin, which is refused.
        try {
            const target = new URL(url, baseUrl);
            return target.origin === new URL(baseUrl).origin ? target.href : baseUrl;
        }
        catch {
            return baseUrl;
        }
    },
    jwt: ({ token }) => token,
    session: ({ session }) => session,
};
/**
 * `logger` with everything it is given redacted first (see redact.ts): upstream errors carry token
 * responses, and the app's own logger is as likely to ship them off the machine as the default one.
 */
export function redactingLogger(logger) {
    const { error = console.error, warn, debug } = logger;
    return {
        error: (e) => error(redactError(e)),
        warn: (code, message) => warn?.(code, redactText(message)),
        debug: (message, meta) => debug?.(redactText(message), meta === undefined ? undefined : redact(meta)),
    };
}
/** The console, with a `[sesame]` prefix; debug lines only when `debug` is on. */
export function defaultLogger(debug) {
    return {
        error(error) {
            const type = error.type ?? error.name;
            // The cause is printed as redactingLogger left it; never hand a raw upstream error to this function.
            console.error(`[sesame] ${type}: ${error.message}`, error.cause ?? "");
        },
        warn(code, message) {
            console.warn(`[sesame] warning ${code}: ${message}`);
        },
        // Absent unless asked for, so that no debug line is redacted only to be dropped.
        ...(debug && {
            debug(message, meta) {
                console.debug(`[sesame] ${message}`, meta ?? "");
            },
        }),
    };
}
