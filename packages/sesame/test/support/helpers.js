/** A browser-like client for `Auth()`: keeps cookies between requests, never follows redirects. */
import { Auth } from "../../src/index.js";
import Credentials from "../../src/providers/credentials.js";
export const SECRET = "test-secret-0123456789-abcdefghijklmnop";
export const ORIGIN = "http://localhost:3000";
export const alice = { id: "1", name: "Alice", email: "alice@example.com", image: "https://example.com/a.png" };
export const passwordProvider = Credentials({
    credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
    authorize: ({ username, password }) => (username === "alice" && password === "wonderland" ? alice : null),
});
export function config(overrides = {}) {
    return { secret: SECRET, trustHost: true, providers: [passwordProvider], ...overrides };
}
export function parseSetCookie(header) {
    const [pair = "", ...attrs] = header.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    const attributes = {};
    for (const attr of attrs) {
        const [key = "", ...rest] = attr.split("=");
        attributes[key.toLowerCase()] = rest.length ? rest.join("=") : true;
    }
    return { name: pair.slice(0, eq), value: decodeURIComponent(pair.slice(eq + 1)), attributes };
}
export function setCookies(response) {
    return response.headers.getSetCookie().map(parseSetCookie);
}
export class Browser {
    authConfig;
    origin;
    jar = new Map();
    constructor(authConfig, origin = ORIGIN) {
        this.authConfig = authConfig;
        this.origin = origin;
    }
    request(path, init = {}) {
        const headers = new Headers(init.headers);
        const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
        if (cookie && !headers.has("cookie"))
            headers.set("cookie", cookie);
        return new Request(new URL(path, this.origin), { ...init, headers });
    }
    async fetch(path, init = {}) {
        const response = await Auth(this.request(path, init), this.authConfig);
        this.store(response);
        return response;
    }
    /** Follows a full URL on the app (a link from an email). */
    visit(url) {
        return this.fetch(url.pathname + url.search);
    }
    store(response) {
        for (const { name, value, attributes } of setCookies(response)) {
            if (attributes["max-age"] === "0")
                this.jar.delete(name);
            else
                this.jar.set(name, value);
        }
    }
    async csrf() {
        const response = await this.fetch("/api/auth/csrf");
        return (await response.json()).csrfToken;
    }
    async postForm(path, fields, headers = {}) {
        return this.fetch(path, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
            body: new URLSearchParams(fields),
        });
    }
    async postJson(path, body, headers = {}) {
        return this.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    }
    async signIn(fields = { username: "alice", password: "wonderland" }) {
        return this.postForm("/api/auth/callback/credentials", { csrfToken: await this.csrf(), ...fields });
    }
    async session() {
        return (await this.fetch("/api/auth/session")).json();
    }
}
/** The session cookie's value in the jar (joined if chunked). */
export function sessionCookie(browser, name = "sesame.session-token") {
    if (browser.jar.has(name))
        return browser.jar.get(name);
    const chunks = [...browser.jar].filter(([k]) => k.startsWith(`${name}.`)).sort(([a], [b]) => Number(a.split(".").pop()) - Number(b.split(".").pop()));
    return chunks.length ? chunks.map(([, v]) => v).join("") : undefined;
}
